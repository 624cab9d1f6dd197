// Shows that the script loaded (the page's assets resolved) and when the site was built.
document.getElementById("status").textContent += " Script loaded (__BUILT__).";
