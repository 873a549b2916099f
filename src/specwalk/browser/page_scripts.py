"""Scripts and styles specwalk puts into pages it drives (kept apart from the driver's logic):
the still style and start-up script of contexts made for repeatable pictures, and the manual's
capture script (outline, badge, masks and the region to keep)."""

from __future__ import annotations

# Screenshots must be repeatable: no transitions, animations or blinking caret.
STILL_STYLE = (
    "*, *::before, *::after { transition: none !important; animation: none !important;"
    " caret-color: transparent !important; scroll-behavior: auto !important; }"
)


# Installed before any of the page's scripts: seeded Math.random (generated ids repeat) and the
# still style, added as soon as the document has a root.
STILL_INIT = """(() => {
  let seed = 0x2f6b3c1d;
  Math.random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const add = () => {
    if (document.getElementById('__specwalk_still')) return;
    const style = document.createElement('style');
    style.id = '__specwalk_still';
    style.textContent = `__STILL__`;
    (document.head || document.documentElement).appendChild(style);
  };
  if (document.documentElement) add();
  document.addEventListener('DOMContentLoaded', add);
})();"""

# Outline, badge and masks drawn over the page for one screenshot (removed right after), and the
# region to keep: the target with its nearest small container (a dialog, form, list, section),
# padded, at least MIN wide and high, inside the viewport. Boxes are viewport CSS pixels.
CAPTURE_JS = r"""async (el, o) => {
  await document.fonts.ready;
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
  const line1 = t => (t || '').trim().split('\n')[0].trim();
  const nameOf = e => {
    if (!e) {
      const h = document.querySelector('h1') || document.querySelector('h2');
      return h ? line1(h.innerText) : '';
    }
    // What the user sees first: a field's label, a control's text; then what assistive tech reads.
    const field = /^(INPUT|TEXTAREA|SELECT)$/.test(e.tagName);
    if (field && e.labels && e.labels.length && line1(e.labels[0].innerText)) return line1(e.labels[0].innerText);
    if (!field && line1(e.innerText)) return line1(e.innerText);
    const aria = e.getAttribute('aria-label');
    if (aria && aria.trim()) return aria.trim();
    const by = e.getAttribute('aria-labelledby');
    if (by) {
      const t = by.split(/\s+/).map(id => document.getElementById(id)).filter(Boolean).map(n => n.innerText).join(' ');
      if (line1(t)) return line1(t);
    }
    const button = field && ['submit', 'button', 'reset'].includes(e.type) ? e.value : '';
    return (e.getAttribute('placeholder') || e.getAttribute('title') || e.getAttribute('alt') || button || '').trim();
  };
  const rect = r => ({x: r.left, y: r.top, width: r.width, height: r.height});
  const union = (a, b) => {
    const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
    const width = Math.max(a.x + a.width, b.x + b.width) - x;
    return {x, y, width, height: Math.max(a.y + a.height, b.y + b.height) - y};
  };
  const layer = document.createElement('div');
  layer.id = '__specwalk_overlay';
  layer.style.cssText = 'position:fixed;left:0;top:0;width:0;height:0;z-index:2147483647;pointer-events:none;';
  const draw = (css, text) => {
    const d = document.createElement('div');
    d.style.cssText = 'position:fixed;box-sizing:border-box;margin:0;' + css;
    if (text) d.textContent = text;
    layer.appendChild(d);
    return d;
  };
  let target = null, region, clip;
  const scrollHeight = Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0);
  const pageHeight = Math.min(vh, scrollHeight);
  if (el) {
    target = rect(el.getBoundingClientRect());
    region = target;
    const containers = 'dialog,[role=dialog],[role=alertdialog],form,fieldset,section,article,[role=region],'
      + 'nav,header,ul,ol,table,[role=list],[role=group]';
    let big = null;  // the nearest container too big to show whole
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (!a.matches(containers)) continue;
      const r = rect(a.getBoundingClientRect());
      if (r.width <= o.maxWidth && r.height <= o.maxHeight) region = union(region, r);
      else if (!big) big = r;
      if (a.matches('dialog,[role=dialog],[role=alertdialog]')) break;
    }
    if (big && region.width < o.minWidth) {
      // Show as much of that container as fits, from its top-left corner where the target allows
      // (a form's labels, an article's title), rather than a strip centred on the target.
      const w = Math.min(big.width, o.maxWidth), h = Math.min(big.height, o.maxHeight);
      const x = Math.min(Math.max(big.x, region.x + region.width + o.pad - w), region.x - o.pad);
      const y = Math.min(Math.max(big.y, region.y + region.height + o.pad - h), region.y - o.pad);
      region = union(region, {x: x + o.pad, y: y + o.pad, width: w - 2 * o.pad, height: h - 2 * o.pad});
    }
    const pad = region === target ? o.margin : o.pad;
    let x = region.x - pad, y = region.y - pad, w = region.width + 2 * pad, h = region.height + 2 * pad;
    if (w < o.minWidth) { x -= (o.minWidth - w) / 2; w = o.minWidth; }
    if (h < o.minHeight) { y -= (o.minHeight - h) / 2; h = o.minHeight; }
    w = Math.min(w, vw); h = Math.min(h, vh);
    x = Math.max(0, Math.min(x, vw - w)); y = Math.max(0, Math.min(y, vh - h));
    clip = {x: Math.floor(x), y: Math.floor(y), width: Math.ceil(w), height: Math.ceil(h)};
  } else {
    clip = {x: 0, y: 0, width: vw, height: Math.max(Math.min(o.minHeight, vh), Math.ceil(pageHeight))};
  }
  const keep = o.keep.filter(Boolean);
  const months = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*/;
  const patterns = [
    /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g,
    new RegExp(months.source + /\.? \d{1,2}, \d{4}(?:,? \d{1,2}:\d{2}(?::\d{2})?(?:\s?[AP]M)?)?/.source, 'g'),
    new RegExp(/\b\d{1,2} /.source + months.source + / \d{4}\b/.source, 'g'),
    /\b\d{1,2}\/\d{1,2}\/\d{2,4}(?:,? \d{1,2}:\d{2}(?::\d{2})?(?:\s?[AP]M)?)?/g,
    /\d{4}年\d{1,2}月\d{1,2}日(?:\s*\d{1,2}:\d{2})?/g,
    /\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AP]M)?\b/g,
    /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
    /\b(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{12,}\b/g,
  ];
  let masked = 0;
  if (document.body) {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue || '';
      if (text.trim().length < 4 || keep.some(k => text.includes(k) || k.includes(text.trim()))) continue;
      const parent = node.parentElement;
      if (!parent || parent.closest('script,style,noscript,#__specwalk_overlay')) continue;
      const done = [];
      for (const pattern of patterns) {
        pattern.lastIndex = 0;
        for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
          const start = m.index, end = start + m[0].length;
          if (done.some(([s, e]) => start < e && s < end)) continue;
          done.push([start, end]);
          const range = document.createRange();
          range.setStart(node, start); range.setEnd(node, end);
          for (const r of range.getClientRects()) {
            if (r.width < 1 || r.bottom < 0 || r.top > vh) continue;
            draw(`left:${r.left - 1}px;top:${r.top}px;width:${r.width + 2}px;height:${r.height}px;`
              + 'background:#d0d7de;border-radius:3px;');
            masked++;
          }
        }
      }
    }
  }
  // Secrets the page shows as text (a demo account's password in a hint): covered wherever they are.
  const secrets = (o.hide || []).filter(t => t && t.trim());
  if (secrets.length && document.body) {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue || '';
      if (!node.parentElement || node.parentElement.closest('script,style,noscript,#__specwalk_overlay')) continue;
      for (const secret of secrets) {
        for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + secret.length)) {
          const range = document.createRange();
          range.setStart(node, at); range.setEnd(node, at + secret.length);
          for (const r of range.getClientRects()) {
            if (r.width < 1 || r.bottom < 0 || r.top > vh) continue;
            draw(`left:${r.left - 1}px;top:${r.top}px;width:${r.width + 2}px;height:${r.height}px;`
              + `background:${o.maskColor};border-radius:3px;`);
            masked++;
          }
        }
      }
    }
  }
  // Password fields that hold a value, and what `[docs] mask` names: covered, whatever they show.
  const hidden = new Set();
  for (const e of document.querySelectorAll('input[type=password]')) if (e.value) hidden.add(e);
  for (const s of o.mask || []) {
    try { for (const e of document.querySelectorAll(s)) hidden.add(e); } catch (err) { /* not a selector */ }
  }
  for (const e of hidden) {
    for (const r of e.getClientRects()) {
      if (r.width < 1 || r.bottom < 0 || r.top > vh) continue;
      draw(`left:${r.left}px;top:${r.top}px;width:${r.width}px;height:${r.height}px;`
        + `background:${o.maskColor};border-radius:3px;`);
      masked++;
    }
  }
  let overlay = null, badge = null;
  if (target) {
    const g = o.gap, line = o.line;
    const out = g + line;
    const box = draw(`left:${target.x - out}px;top:${target.y - out}px;`
      + `width:${target.width + 2 * out}px;height:${target.height + 2 * out}px;`
      + `border:${line}px solid ${o.color};border-radius:6px;box-shadow:0 0 0 2px rgba(255,255,255,.9);`);
    const size = o.number ? o.badge : 0;
    const bx = Math.max(clip.x + 2, Math.min(target.x - g - line - size / 2, clip.x + clip.width - size - 2));
    const by = Math.max(clip.y + 2, Math.min(target.y - g - line - size / 2, clip.y + clip.height - size - 2));
    const b = draw(`left:${bx}px;top:${by}px;width:${size}px;height:${size}px;border-radius:50%;`
      + `background:${o.color};color:#fff;font:700 ${Math.round(size * 0.55)}px/${size}px system-ui,sans-serif;`
      + (size ? 'text-align:center;box-shadow:0 0 0 2px #fff;' : 'display:none;'), o.number ? String(o.number) : '');
    document.documentElement.appendChild(layer);
    overlay = rect(box.getBoundingClientRect());
    badge = size ? rect(b.getBoundingClientRect()) : null;
  } else {
    document.documentElement.appendChild(layer);
  }
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return {clip, target, overlay, badge, masked, name: nameOf(el), scale: window.devicePixelRatio};
}"""


# Submits the form an element is (or is a field of), as pressing Enter in it or its submit button
# would: requestSubmit() runs the form's validation and its submit handlers. No form is an error,
# never a silent success.
SUBMIT_JS = (
    "(element) => { const form = element instanceof HTMLFormElement ? element : element.form; "
    "if (!form) throw new Error('no form to submit: the element is not a form or a field of one'); "
    "form.requestSubmit(); }"
)

# Classes an element got since the user's last input, even when removed before a check looked (a
# piano key lit for 150 ms on a busy machine): a class check that found none reads them
# (`el.__specwalkAdded[name] === window.__specwalkEpoch`). Input events bump the epoch first (the
# capture phase on window runs before the app's own listeners).
CLASS_LOG_INIT = """(() => {
  window.__specwalkEpoch = 0;
  for (const type of ['pointerdown', 'keydown', 'input', 'change', 'drop', 'submit']) {
    window.addEventListener(type, () => { window.__specwalkEpoch += 1; }, true);
  }
  const start = () => new MutationObserver((records) => {
    for (const record of records) {
      const el = record.target;
      const before = new Set((record.oldValue || '').split(/\\s+/));
      el.__specwalkAdded = el.__specwalkAdded || {};
      for (const name of el.classList) if (!before.has(name)) el.__specwalkAdded[name] = window.__specwalkEpoch;
    }
  }).observe(document.documentElement, {
    subtree: true, attributes: true, attributeFilter: ['class'], attributeOldValue: true,
  });
  if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
})();"""

CLASS_SEEN_JS = "(el, name) => !!el.__specwalkAdded && el.__specwalkAdded[name] === window.__specwalkEpoch"
