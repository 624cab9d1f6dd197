require('fs').mkdirSync('dist', { recursive: true }); require('fs').writeFileSync('dist/index.html', process.version);
