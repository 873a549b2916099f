// Switches between the three top-level views. Exactly one is visible at a time.

const VIEWS = {
  list: 'list-view',
  editor: 'editor-view',
  'not-found': 'not-found-view',
};

export function showView(name) {
  for (const [viewName, elementId] of Object.entries(VIEWS)) {
    document.getElementById(elementId).hidden = viewName !== name;
  }
}
