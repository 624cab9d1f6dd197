export const banner = (name) => `<h1>Hello from ${name}, a workspace package</h1>`;
