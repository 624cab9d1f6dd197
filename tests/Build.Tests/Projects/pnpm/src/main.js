document.querySelector('#app').innerHTML = '<h1>Hello from Vite built with pnpm</h1>';
