document.querySelector('#app').innerHTML = '<h1>Hello from Vite built with yarn classic</h1>';
