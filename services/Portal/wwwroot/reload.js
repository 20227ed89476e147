// The reconnect and error notes' buttons reload the page; a file, since the portal's policy refuses inline script.
document.addEventListener("click", e => { if (e.target instanceof Element && e.target.closest("[data-reload]")) location.reload(); });
