document.querySelector('#app').innerHTML = '<h1>Hello from Vite built with yarn berry</h1>';
