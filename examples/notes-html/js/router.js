// Hash routing:
//   #/             -> { name: 'list' }
//   #/notes/new    -> { name: 'new' }
//   #/notes/<id>   -> { name: 'edit', id }
// Anything else falls back to the list.

export function parseRoute(hash) {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/notes/new') {
    return { name: 'new' };
  }
  const match = path.match(/^\/notes\/([^/]+)$/);
  if (match) {
    return { name: 'edit', id: decodeURIComponent(match[1]) };
  }
  return { name: 'list' };
}

export function noteHref(id) {
  return `#/notes/${encodeURIComponent(id)}`;
}

export function navigate(hash) {
  window.location.hash = hash;
}

/** Calls handler with the current route now and after every hash change (links, back/forward). */
export function startRouter(handler) {
  const run = () => handler(parseRoute(window.location.hash));
  window.addEventListener('hashchange', run);
  run();
}
