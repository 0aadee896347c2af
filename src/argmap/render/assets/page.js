/* argmap HTML page: pan and zoom, search, side panel, rests-on and impact highlight,
   filters. Reads the page data from the JSON block #am-data; map text is only ever
   inserted with textContent, and only http(s) URLs become links. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('am-data').textContent);
  var svg = document.getElementById('am-svg');
  var graph0 = svg.querySelector('g.graph');
  var nodes = data.nodes;
  var edges = data.edges;
  var byNumber = {};
  var nodeEls = [];
  var edgeEls = {};
  var state = { selected: null, mode: null, query: '', crux: null };

  function $(id) { return document.getElementById(id); }

  /* ---- adjacency, from the relations drawn ---- */
  var supportIn = nodes.map(function () { return []; });
  var supportOut = nodes.map(function () { return []; });
  var outgoing = nodes.map(function () { return []; });
  var incoming = nodes.map(function () { return []; });
  var undercutBy = {};
  edges.forEach(function (e) {
    byNumber[e.n] = e;
    outgoing[e.from].push(e);
    if (e.cut === null) { incoming[e.to].push(e); }
    if (e.kind === 'supports') { supportIn[e.to].push(e); supportOut[e.from].push(e); }
    if (e.cut !== null) { (undercutBy[e.cut] = undercutBy[e.cut] || []).push(e); }
  });
  svg.querySelectorAll('g[data-node]').forEach(function (el) {
    nodeEls[Number(el.getAttribute('data-node'))] = el;
  });
  svg.querySelectorAll('g[data-edge]').forEach(function (el) {
    var n = el.getAttribute('data-edge');
    (edgeEls[n] = edgeEls[n] || []).push(el);
  });
  var tensions = data.tensions || [];
  var tensionEls = {};
  var tensionsOf = nodes.map(function () { return []; });
  tensions.forEach(function (t) {
    tensionsOf[t.between[0]].push(t);
    tensionsOf[t.between[1]].push(t);
  });
  svg.querySelectorAll('g[data-tension]').forEach(function (el) {
    tensionEls[el.getAttribute('data-tension')] = el;
  });

  /* ---- small DOM helpers: text only, never markup ---- */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function safeLink(url, text) {
    if (typeof url === 'string' && /^https?:\/\/[^\s]+$/i.test(url)) {
      var a = el('a', null, text);
      a.href = url;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      return a;
    }
    return el('span', null, text);
  }
  /* A score, or an interval [low, high] of them. */
  function score(v) { return Array.isArray(v) ? v[0] + ' to ' + v[1] : v; }
  function short(text, n) { return text.length > n ? text.slice(0, n - 1) + '\u2026' : text; }
  function nodeButton(i, extra) {
    var n = nodes[i];
    var b = el('button', 'am-link');
    b.type = 'button';
    b.setAttribute('data-goto', String(i));
    b.appendChild(el('span', 'am-kind', n.kind + ' '));
    b.appendChild(el('span', null, short(n.text, 90)));
    if (extra) { b.appendChild(el('span', 'am-hint', ' ' + extra)); }
    b.setAttribute('dir', 'auto');
    return b;
  }
  function list(items) {
    var ul = el('ul', 'am-list');
    items.forEach(function (item) { var li = el('li'); li.appendChild(item); ul.appendChild(li); });
    return ul;
  }

  /* ---- pan and zoom through the viewBox ---- */
  var vb0 = svg.viewBox.baseVal;
  var home = { x: vb0.x, y: vb0.y, w: vb0.width, h: vb0.height };
  var vb = { x: home.x, y: home.y, w: home.w, h: home.h };
  function apply() {
    svg.setAttribute('viewBox', [vb.x, vb.y, vb.w, vb.h].join(' '));
    showInMini();
  }
  function unitsPerPx() {
    var r = svg.getBoundingClientRect();
    return Math.max(vb.w / Math.max(r.width, 1), vb.h / Math.max(r.height, 1));
  }
  function toSvg(cx, cy) {
    var r = svg.getBoundingClientRect();
    var u = unitsPerPx();
    return { x: vb.x + vb.w / 2 + (cx - r.left - r.width / 2) * u,
             y: vb.y + vb.h / 2 + (cy - r.top - r.height / 2) * u };
  }
  function zoomAt(f, p) {
    var w = Math.min(Math.max(vb.w / f, home.w / 60), home.w * 4);
    var k = w / vb.w;
    vb = { x: p.x - (p.x - vb.x) * k, y: p.y - (p.y - vb.y) * k, w: w, h: vb.h * k };
    apply();
  }
  function zoomCentre(f) { zoomAt(f, { x: vb.x + vb.w / 2, y: vb.y + vb.h / 2 }); }
  function pan(dx, dy) { var u = unitsPerPx(); vb.x -= dx * u; vb.y -= dy * u; apply(); }
  function fit() { vb = { x: home.x, y: home.y, w: home.w, h: home.h }; apply(); }
  /* The page opens where node text is readable: at least READABLE_PX pixels on screen,
     not the whole diagram shrunk to the window (5 px for the flagship map). Whole when
     that is readable; else the top of the diagram (the recommendations), centred. */
  var READABLE_PX = 11;
  var sample = svg.querySelector('g[data-node] text');
  var fontUnits = sample ? parseFloat(sample.getAttribute('font-size')) || 11 : 11;
  function opening() {
    var r = svg.getBoundingClientRect();
    var most = fontUnits / READABLE_PX;  // SVG units per pixel at the smallest readable size
    if (Math.max(home.w / Math.max(r.width, 1), home.h / Math.max(r.height, 1)) <= most) {
      fit();
      return;
    }
    var w = Math.min(r.width * most, home.w);
    var h = Math.min(r.height * most, home.h);
    vb = { x: home.x + (home.w - w) / 2, y: home.y, w: w, h: h };
    apply();
  }

  /* ---- the overview: a small copy of the diagram, the part in view framed; a click
     or a drag on it moves the view there ---- */
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var mini = document.createElementNS(SVG_NS, 'svg');
  mini.setAttribute('viewBox', [home.x, home.y, home.w, home.h].join(' '));
  mini.setAttribute('id', 'am-mini-svg');
  var copy = document.createElementNS(SVG_NS, 'use');
  copy.setAttribute('href', '#' + graph0.id);
  var frame = document.createElementNS(SVG_NS, 'rect');
  frame.setAttribute('class', 'am-mini-view');
  mini.appendChild(copy);
  mini.appendChild(frame);
  // The copy's nodes would otherwise be focusable a second time (Tab would go into it):
  // an inert holder leaves them out of focus and of pointer events, which the overview's
  // box handles instead. (SVG elements do not take inert themselves.)
  var holder = document.createElement('div');
  holder.setAttribute('inert', '');
  holder.appendChild(mini);
  $('am-mini').appendChild(holder);
  (function () {
    // At most 200 by 150 pixels, in the diagram's proportions.
    var k = Math.min(200 / home.w, 150 / home.h);
    $('am-mini').style.width = Math.max(home.w * k, 24) + 'px';
    $('am-mini').style.height = Math.max(home.h * k, 24) + 'px';
  }());
  function inView() {
    var r = svg.getBoundingClientRect();
    var u = unitsPerPx();
    var w = r.width * u, h = r.height * u;
    return { x: vb.x + (vb.w - w) / 2, y: vb.y + (vb.h - h) / 2, w: w, h: h };
  }
  function showInMini() {
    if (!frame) { return; }  // apply() before the overview exists
    var v = inView();
    frame.setAttribute('x', v.x); frame.setAttribute('y', v.y);
    frame.setAttribute('width', v.w); frame.setAttribute('height', v.h);
    // Hidden while the whole diagram is in view (half a unit spares rounding).
    $('am-mini').classList.toggle('am-mini-all', v.x <= home.x + 0.5 && v.y <= home.y + 0.5 &&
      v.x + v.w >= home.x + home.w - 0.5 && v.y + v.h >= home.y + home.h - 0.5);
  }
  function centreAt(ev) {
    var p = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(mini.getScreenCTM().inverse());
    vb.x = p.x - vb.w / 2;
    vb.y = p.y - vb.h / 2;
    apply();
  }
  var miniDrag = false;
  var miniBox = $('am-mini');
  miniBox.addEventListener('pointerdown', function (ev) {
    ev.preventDefault();
    miniDrag = true;
    miniBox.setPointerCapture(ev.pointerId);
    centreAt(ev);
  });
  miniBox.addEventListener('pointermove', function (ev) { if (miniDrag) { centreAt(ev); } });
  miniBox.addEventListener('pointerup', function () { miniDrag = false; });
  miniBox.addEventListener('pointercancel', function () { miniDrag = false; });
  window.addEventListener('resize', showInMini);
  function box(i) {
    var b = nodeEls[i].getBBox();
    var m = graph0.transform.baseVal.consolidate();
    var t = m ? m.matrix : { a: 1, d: 1, e: 0, f: 0 };
    return { x: b.x * t.a + t.e, y: b.y * t.d + t.f, w: b.width * t.a, h: b.height * t.d };
  }
  function reveal(i) {
    var b = box(i);
    var u = unitsPerPx();
    if (u > 1.2) { var k = u / 1.2; vb.w /= k; vb.h /= k; }
    vb.x = b.x + b.w / 2 - vb.w / 2;
    vb.y = b.y + b.h / 2 - vb.h / 2;
    apply();
  }

  svg.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var step = ev.deltaMode === 1 ? 33 : (ev.deltaMode === 2 ? 400 : 1);
    zoomAt(Math.exp(-ev.deltaY * step * 0.0015), toSvg(ev.clientX, ev.clientY));
  }, { passive: false });
  var pointers = new Map();
  var drag = null;
  var pinch = null;
  var moved = false;
  svg.addEventListener('pointerdown', function (ev) {
    pointers.set(ev.pointerId, { x: ev.clientX, y: ev.clientY });
    if (pointers.size === 1) { drag = { x: ev.clientX, y: ev.clientY }; moved = false; }
  });
  svg.addEventListener('pointermove', function (ev) {
    var prev = pointers.get(ev.pointerId);
    if (!prev) { return; }
    pointers.set(ev.pointerId, { x: ev.clientX, y: ev.clientY });
    if (pointers.size === 2) {
      var p = Array.from(pointers.values());
      var d = Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
      if (pinch) { zoomAt(d / pinch, toSvg((p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2)); }
      pinch = d;
      moved = true;
    } else if (drag) {
      if (!moved && Math.hypot(ev.clientX - drag.x, ev.clientY - drag.y) > 4) {
        moved = true;
        svg.setPointerCapture(ev.pointerId);
        svg.classList.add('am-dragging');
      }
      if (moved) { pan(ev.clientX - prev.x, ev.clientY - prev.y); }
    }
  });
  function release(ev) {
    pointers.delete(ev.pointerId);
    if (pointers.size < 2) { pinch = null; }
    if (pointers.size === 0) { drag = null; svg.classList.remove('am-dragging'); }
  }
  svg.addEventListener('pointerup', release);
  svg.addEventListener('pointercancel', release);
  svg.addEventListener('click', function (ev) {
    if (moved) { moved = false; return; }
    var g = ev.target.closest('g[data-node]');
    if (g) { select(Number(g.getAttribute('data-node')), false); }
  });
  $('am-zoom-in').addEventListener('click', function () { zoomCentre(1.25); });
  $('am-zoom-out').addEventListener('click', function () { zoomCentre(0.8); });
  $('am-fit').addEventListener('click', fit);
  window.addEventListener('beforeprint', fit);

  /* ---- selection rings: a frame around the node, whatever its colours ---- */
  var rings = document.createElementNS('http://www.w3.org/2000/svg', 'g');
  rings.setAttribute('aria-hidden', 'true');
  graph0.appendChild(rings);
  function ring(i, cls) {
    var old = rings.querySelector('.' + cls);
    if (old) { rings.removeChild(old); }
    if (i === null) { return; }
    var b = nodeEls[i].getBBox();
    var r = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    r.setAttribute('x', b.x - 6); r.setAttribute('y', b.y - 6);
    r.setAttribute('width', b.width + 12); r.setAttribute('height', b.height + 12);
    r.setAttribute('rx', 4);
    r.setAttribute('class', 'am-ring ' + cls);
    rings.appendChild(r);
  }
  nodeEls.forEach(function (g, i) {
    g.addEventListener('focus', function () { ring(i, 'am-ring-focus'); });
    g.addEventListener('blur', function () { ring(null, 'am-ring-focus'); });
    g.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); select(i, false); }
    });
  });

  /* ---- the side panel ---- */
  var STATUS = { 'in': 'in: accepted', 'out': 'out: defeated by an accepted attack',
                 'undec': 'undecided' };
  function prop(dl, name, value) {
    if (value === null || value === undefined || value === '') { return; }
    dl.appendChild(el('dt', null, name));
    var dd = el('dd');
    if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = String(value); }
    dd.setAttribute('dir', 'auto');
    dl.appendChild(dd);
  }
  function relations(body, title, items) {
    if (!items.length) { return; }
    body.appendChild(el('h3', null, title + ' (' + items.length + ')'));
    body.appendChild(list(items));
  }
  function showNode(i) {
    var n = nodes[i];
    var body = $('am-node-body');
    body.textContent = '';
    var h = el('h3');
    h.appendChild(el('span', 'am-kind-label', n.kind));
    h.appendChild(document.createTextNode(' '));
    h.appendChild(el('span', null, n.context ? n.key : n.id));
    if (n.title) {
      // The analyst's short name, beside the id (the text follows in full).
      h.appendChild(document.createTextNode(': '));
      var title = el('span', null, n.title);
      title.setAttribute('dir', 'auto');
      h.appendChild(title);
    }
    body.appendChild(h);
    var text = el('p', 'am-node-text', n.text);
    text.setAttribute('dir', 'auto');
    body.appendChild(text);
    if (n.quote) {
      var q = el('blockquote', 'am-quote', '\u201c' + n.quote + '\u201d');
      q.setAttribute('dir', 'auto');
      body.appendChild(q);
    }
    var dl = el('dl', 'am-props');
    if (n.source) {
      var s = n.source;
      var src = el('span');
      src.appendChild(s.title ? safeLink(s.url, s.title) : el('span', null, s.id));
      var meta = [s.author, s.date, n.locator].filter(Boolean).join(', ');
      if (meta) { src.appendChild(el('span', null, ' (' + meta + ')')); }
      prop(dl, 'Source', src);
    } else {
      prop(dl, 'Locator', n.locator);
    }
    prop(dl, 'Section', n.section);
    prop(dl, 'Tags', n.tags.join(', '));
    prop(dl, 'Confidence', score(n.confidence));
    prop(dl, 'Note', n.note);
    if (data.semantics && n.status) {
      prop(dl, 'Acceptance', (STATUS[n.status] || n.status) + ' (' + data.semantics + ')');
    }
    if (n.strength !== undefined && n.strength !== null) {
      prop(dl, 'Strength', n.strength.toFixed(3) + ' (DF-QuAD, 0 to 1)' + (n.strengthRange ?
        '; ' + n.strengthRange[0].toFixed(3) + ' to ' + n.strengthRange[1].toFixed(3) +
        ' with the map\u2019s intervals' : ''));
    }
    if (data.maps.length > 1 || n.context) { prop(dl, 'Map', n.map); }
    body.appendChild(dl);
    function about(e, i2) {
      // Who draws the relation and its scheme, beside the node it leads to.
      var said = [];
      if (e.by === 'analyst') { said.push('the analyst\u2019s inference'); }
      if (e.scheme) { said.push(e.scheme); }
      if (e.question) { said.push('raises ' + e.question); }
      if (e.strength !== null) { said.push('strength ' + score(e.strength)); }
      var b = nodeButton(i2, said.length ? '(' + said.join('; ') + ')' : '');
      if (e.quote) { b.title = '\u201c' + e.quote + '\u201d'; }
      return b;
    }
    relations(body, 'Supports', outgoing[i].filter(function (e) { return e.kind === 'supports'; })
      .map(function (e) { return about(e, e.to); }));
    relations(body, 'Supported by', supportIn[i].map(function (e) { return about(e, e.from); }));
    relations(body, 'Attacks', outgoing[i].filter(function (e) { return e.kind === 'attacks'; })
      .map(function (e) { return about(e, e.to); }));
    relations(body, 'Attacked by', incoming[i].filter(function (e) { return e.kind === 'attacks'; })
      .map(function (e) { return about(e, e.from); }));
    relations(body, 'Undercuts the relation', outgoing[i].filter(function (e) {
      return e.kind === 'undercuts'; }).map(function (e) {
      var r = byNumber[e.cut];
      return nodeButton(r.from, r.kind + ' ' + nodes[r.to].id);
    }));
    var cuts = [];
    outgoing[i].concat(incoming[i]).forEach(function (e) {
      (undercutBy[e.n] || []).forEach(function (u) {
        cuts.push(nodeButton(u.from, 'against ' + nodes[e.from].id + ' ' + e.kind + ' ' +
                             nodes[e.to].id));
      });
    });
    relations(body, 'Its relations undercut by', cuts);
    relations(body, 'In tension with', tensionsOf[i].map(function (t) {
      var other = t.between[0] === i ? t.between[1] : t.between[0];
      return nodeButton(other, '(tension ' + t.id + (t.note ? ': ' + short(t.note, 160) : '') + ')');
    }));
    var found = n.findings.slice();
    outgoing[i].forEach(function (e) { found = found.concat(e.findings); });
    body.appendChild(el('h3', null, 'Check findings'));
    if (found.length) {
      var ul = el('ul', 'am-findings');
      found.forEach(function (f) { ul.appendChild(el('li', null, f)); });
      body.appendChild(ul);
    } else {
      body.appendChild(el('p', 'am-hint', data.checked ? 'None.' :
        'Not checked: render with --highlight-findings to include them.'));
    }
  }

  function select(i, centre) {
    state.selected = i;
    nodeEls.forEach(function (g, k) { g.setAttribute('aria-pressed', String(k === i)); });
    ring(i, 'am-ring-sel');
    $('am-panel').classList.toggle('am-has-selection', i !== null);
    ['am-rests', 'am-impact'].forEach(function (id) { $(id).disabled = i === null; });
    if (i === null) {
      $('am-node-body').textContent = '';
      $('am-node-body').appendChild(el('p', 'am-hint', 'No node selected.'));
      clearHighlight();
      return;
    }
    showNode(i);
    if (centre) { reveal(i); }
    if (state.mode) { highlight(state.mode); }
  }

  /* ---- rests-on and impact ---- */
  function restsOn(root) {
    var seen = new Set([root]);
    var es = new Set();
    var challenges = new Set();
    var todo = [root];
    while (todo.length) {
      var k = todo.pop();
      incoming[k].forEach(function (e) { if (e.kind === 'attacks') { challenges.add(e.from); } });
      supportIn[k].forEach(function (e) {
        es.add(e.n);
        (undercutBy[e.n] || []).forEach(function (u) { challenges.add(u.from); });
        if (!seen.has(e.from)) { seen.add(e.from); todo.push(e.from); }
      });
    }
    var grounds = Array.from(seen).filter(function (k) { return !supportIn[k].length; });
    return { nodes: seen, edges: es, challenges: challenges, grounds: grounds };
  }
  function standing(removed) {
    var stands = new Set();
    var todo = [];
    nodes.forEach(function (_, k) {
      if (k !== removed && !supportIn[k].length) { stands.add(k); todo.push(k); }
    });
    while (todo.length) {
      supportOut[todo.pop()].forEach(function (e) {
        if (!stands.has(e.to) && e.to !== removed) { stands.add(e.to); todo.push(e.to); }
      });
    }
    return stands;
  }
  function impact(root) {
    var reach = new Set();
    var todo = [root];
    while (todo.length) {
      supportOut[todo.pop()].forEach(function (e) {
        if (!reach.has(e.to) && e.to !== root) { reach.add(e.to); todo.push(e.to); }
      });
    }
    var before = standing(-1);
    var after = standing(root);
    var falls = [], stands = [];
    reach.forEach(function (k) {
      if (after.has(k)) { stands.push(k); } else if (before.has(k)) { falls.push(k); }
    });
    falls.sort(function (a, b) { return a - b; });
    stands.sort(function (a, b) { return a - b; });
    var set = new Set([root].concat(falls, stands));
    var es = new Set();
    edges.forEach(function (e) {
      if (e.kind === 'supports' && set.has(e.from) && set.has(e.to)) { es.add(e.n); }
    });
    return { nodes: set, edges: es, challenges: new Set(), falls: falls, stands: stands };
  }
  function paint(h) {
    svg.classList.toggle('am-highlighting', h !== null);
    nodeEls.forEach(function (g, k) {
      g.classList.toggle('am-hl', h !== null && h.nodes.has(k));
      g.classList.toggle('am-challenge', h !== null && h.challenges.has(k) && !h.nodes.has(k));
      g.classList.toggle('am-falls', h !== null && !!h.falls && h.falls.indexOf(k) >= 0);
    });
    Object.keys(edgeEls).forEach(function (n) {
      edgeEls[n].forEach(function (g) {
        g.classList.toggle('am-hl', h !== null && h.edges.has(Number(n)));
      });
    });
  }
  function highlight(mode) {
    var i = state.selected;
    if (i === null) { return; }
    clearCrux();  // one highlight at a time
    state.mode = mode;
    var out = $('am-highlight');
    out.textContent = '';
    var h;
    if (mode === 'rests') {
      h = restsOn(i);
      out.appendChild(el('p', null, 'Rests on ' + (h.nodes.size - 1) + ' node' +
        (h.nodes.size === 2 ? '' : 's') + ' (highlighted: ' + h.nodes.size +
        ' with this one); grounds, where support starts:'));
      out.appendChild(list(h.grounds.filter(function (k) { return k !== i; })
        .map(function (k) { return nodeButton(k); })));
      if (h.challenges.size) {
        out.appendChild(el('p', null, 'Challenged along the way by (half faded):'));
        out.appendChild(list(Array.from(h.challenges).sort(function (a, b) { return a - b; })
          .map(function (k) { return nodeButton(k); })));
      }
    } else {
      h = impact(i);
      out.appendChild(el('p', null, 'Without this node, ' + h.falls.length +
        ' lose all their support (thickest outline):'));
      out.appendChild(list(h.falls.map(function (k) { return nodeButton(k); })));
      out.appendChild(el('p', null, h.stands.length + ' rest on it but keep other support:'));
      out.appendChild(list(h.stands.map(function (k) { return nodeButton(k); })));
    }
    paint(h);
    $('am-clear').disabled = false;
  }
  function clearHighlight() {
    state.mode = null;
    paint(null);
    $('am-highlight').textContent = '';
    $('am-clear').disabled = true;
    clearCrux();
  }

  /* ---- the crux of a recommendation: its smallest sets of rejections, from the data
     (argmap crux, grounded semantics), marked on the diagram and listed in words ---- */
  var cruxes = (data.crux && data.crux.recommendations) || [];
  var cruxSelect = $('am-crux');
  cruxes.forEach(function (c, k) {
    var o = el('option', null, nodes[c.node].id);
    o.value = String(k);
    cruxSelect.appendChild(o);
  });
  if (!cruxes.length) {
    cruxSelect.disabled = true;
    $('am-crux-body').appendChild(el('p', 'am-hint', 'No recommendation in this diagram.'));
  } else if (data.crux.capped) {
    $('am-crux-body').appendChild(el('p', 'am-hint', 'Only the first ' + cruxes.length +
      ' recommendations are listed.'));
  }
  function clearCrux() {
    if (state.crux === null) { return; }
    state.crux = null;
    cruxSelect.value = '';
    $('am-crux-body').textContent = '';
    nodeEls.forEach(function (g) { g.classList.remove('am-crux'); });
    Object.keys(edgeEls).forEach(function (n) {
      edgeEls[n].forEach(function (g) { g.classList.remove('am-crux'); });
    });
  }
  function showCrux(k) {
    if (state.mode) { clearHighlight(); }
    clearCrux();
    if (k === null || !cruxes[k]) { paint(null); return; }
    var c = cruxes[k];
    state.crux = k;
    cruxSelect.value = String(k);
    var h = { nodes: new Set([c.node]), edges: new Set(), challenges: new Set() };
    var marked = new Set();
    var markedEdges = new Set();
    c.sets.forEach(function (set) {
      set.reject.forEach(function (r) {
        if (r.node !== undefined) { h.nodes.add(r.node); marked.add(r.node); }
        if (r.edge !== undefined) { h.edges.add(r.edge); markedEdges.add(r.edge); }
      });
    });
    paint(h);
    marked.forEach(function (i) { nodeEls[i].classList.add('am-crux'); });
    markedEdges.forEach(function (n) {
      (edgeEls[n] || []).forEach(function (g) { g.classList.add('am-crux'); });
    });
    var body = $('am-crux-body');
    body.textContent = '';
    body.appendChild(list([nodeButton(c.node)]));
    var name = nodes[c.node].id;
    if (!c.accepted) {
      body.appendChild(el('p', null, name + ' is not accepted (grounded semantics): ' +
        'nothing to bring down.'));
    } else if (!c.sets.length) {
      body.appendChild(el('p', null, name + ' stands whatever set of at most ' + c.maxSize +
        ' rejections is made.'));
    } else {
      body.appendChild(el('p', null, name + ' falls with ' + (c.sets.length === 1 ?
        'this set of rejections' : 'any of these ' + c.sets.length + ' sets of rejections') +
        ' (thickest outline):'));
      var ol = el('ol', 'am-crux-sets');
      c.sets.forEach(function (set) {
        ol.appendChild(el('li', null, set.reject.map(function (r) { return r.text; })
          .join('; ') + ': it becomes ' + set.after));
      });
      body.appendChild(ol);
    }
    if (!c.complete) {
      body.appendChild(el('p', 'am-hint', 'The search stopped early: the list may be ' +
        'incomplete (argmap crux searches further).'));
    }
    $('am-clear').disabled = false;
  }
  cruxSelect.addEventListener('change', function () {
    showCrux(cruxSelect.value === '' ? null : Number(cruxSelect.value));
  });
  function cruxOf(ref) {
    // A recommendation by id or map:id, as `?crux=ID` names it.
    for (var k = 0; k < cruxes.length; k++) {
      var n = nodes[cruxes[k].node];
      if (n.id === ref || n.key === ref) { return k; }
    }
    return null;
  }
  $('am-rests').addEventListener('click', function () { highlight('rests'); });
  $('am-impact').addEventListener('click', function () { highlight('impact'); });
  $('am-clear').addEventListener('click', clearHighlight);
  $('am-panel').addEventListener('click', function (ev) {
    var b = ev.target.closest('[data-goto]');
    if (b) {
      var i = Number(b.getAttribute('data-goto'));
      select(i, true);
      nodeEls[i].focus({ preventScroll: true });
    }
  });

  /* ---- search ---- */
  var search = $('am-search');
  function haystack(n) {
    return [n.text, n.title || '', n.id, n.quote || '', n.tags.join(' '), n.section || '']
      .join(' ').toLowerCase();
  }
  var texts = nodes.map(haystack);
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    state.query = search.value;
    var words = q.split(/\s+/).filter(Boolean);
    var hits = [];
    if (words.length) {
      texts.forEach(function (t, k) {
        if (words.every(function (w) { return t.indexOf(w) >= 0; })) { hits.push(k); }
      });
    }
    svg.classList.toggle('am-searching', words.length > 0);
    nodeEls.forEach(function (g, k) { g.classList.toggle('am-match', hits.indexOf(k) >= 0); });
    var results = $('am-results');
    results.textContent = '';
    $('am-search-count').textContent = words.length ?
      hits.length + (hits.length === 1 ? ' node matches' : ' nodes match') +
      (hits.length ? '; Enter selects the first' : '') : '';
    hits.slice(0, 100).forEach(function (k) {
      var li = el('li');
      li.appendChild(nodeButton(k));
      results.appendChild(li);
    });
    return hits;
  }
  search.addEventListener('input', runSearch);
  search.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter') {
      var hits = runSearch();
      if (hits.length) {
        // Focus goes to the node, so that R, I and the arrows act on it next, rather
        // than typing into the box.
        select(hits[0], true);
        nodeEls[hits[0]].focus({ preventScroll: true });
        ev.preventDefault();
      }
    }
  });

  /* ---- filters by kind and tag ---- */
  function boxes(name) {
    return Array.from(document.querySelectorAll('input[name="' + name + '"]'));
  }
  function filter() {
    var kinds = new Set(boxes('kind').filter(function (b) { return b.checked; })
      .map(function (b) { return b.value; }));
    var tags = boxes('tag').filter(function (b) { return b.checked; })
      .map(function (b) { return b.value; });
    var shown = nodes.map(function (n) {
      return kinds.has(n.kind) && (!tags.length || n.tags.some(function (t) {
        return tags.indexOf(t) >= 0; }));
    });
    nodeEls.forEach(function (g, k) {
      g.classList.toggle('am-filtered', !shown[k]);
      g.setAttribute('tabindex', shown[k] ? '0' : '-1');
      if (shown[k]) { g.removeAttribute('aria-hidden'); } else { g.setAttribute('aria-hidden', 'true'); }
    });
    edges.forEach(function (e) {
      var hide = !shown[e.from] || !shown[e.to] || (e.cut !== null && !shown[byNumber[e.cut].from]);
      (edgeEls[e.n] || []).forEach(function (g) { g.classList.toggle('am-filtered', hide); });
    });
    tensions.forEach(function (t) {
      var g = tensionEls[t.n];
      if (g) { g.classList.toggle('am-filtered', !shown[t.between[0]] || !shown[t.between[1]]); }
    });
  }
  boxes('kind').concat(boxes('tag')).forEach(function (b) { b.addEventListener('change', filter); });
  $('am-reset').addEventListener('click', function () {
    boxes('kind').forEach(function (b) { b.checked = true; });
    boxes('tag').forEach(function (b) { b.checked = false; });
    filter();
  });

  /* ---- keyboard ---- */
  document.addEventListener('keydown', function (ev) {
    var t = ev.target;
    var typing = t.matches && t.matches('input[type="search"], input[type="text"], textarea');
    if (ev.key === 'Escape') {
      if (t === search) {
        // Esc clears the search and leaves the box, for the selected node or the diagram.
        search.value = '';
        runSearch();
        var back = state.selected === null ? $('am-diagram') : nodeEls[state.selected];
        back.focus({ preventScroll: true });
        ev.preventDefault();
        return;
      }
      if (typing) { return; }
      if (state.mode || state.crux !== null) {
        clearHighlight();
      } else if (state.selected !== null) {
        select(null);
      }
      return;
    }
    if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var onDiagram = t === document.body || t === $('am-diagram') || !!t.closest('#am-svg');
    var step = 60;
    switch (ev.key) {
      case '+': case '=': zoomCentre(1.25); break;
      case '-': case '_': zoomCentre(0.8); break;
      case '0': fit(); break;
      case '/': search.focus(); break;
      case 'r': case 'R': highlight('rests'); break;
      case 'i': case 'I': highlight('impact'); break;
      case 'ArrowLeft': if (!onDiagram) { return; } pan(step, 0); break;
      case 'ArrowRight': if (!onDiagram) { return; } pan(-step, 0); break;
      case 'ArrowUp': if (!onDiagram) { return; } pan(0, step); break;
      case 'ArrowDown': if (!onDiagram) { return; } pan(0, -step); break;
      default: return;
    }
    ev.preventDefault();
  });

  /* ---- keep the view across reloads (argmap serve reloads on every save) ---- */
  var KEY = 'argmap:' + location.pathname;
  window.addEventListener('pagehide', function () {
    try {
      sessionStorage.setItem(KEY, JSON.stringify({
        vb: vb, selected: state.selected === null ? null : nodes[state.selected].key,
        mode: state.mode, query: search.value,
        crux: state.crux === null ? null : nodes[cruxes[state.crux].node].key,
        kinds: boxes('kind').filter(function (b) { return !b.checked; }).map(function (b) { return b.value; }),
        tags: boxes('tag').filter(function (b) { return b.checked; }).map(function (b) { return b.value; })
      }));
    } catch (e) { /* storage disabled: nothing to keep */ }
  });
  var saved = null;
  try { saved = JSON.parse(sessionStorage.getItem(KEY) || 'null'); } catch (e) { saved = null; }
  if (!saved) { opening(); }
  if (saved) {
    boxes('kind').forEach(function (b) { b.checked = saved.kinds.indexOf(b.value) < 0; });
    boxes('tag').forEach(function (b) { b.checked = saved.tags.indexOf(b.value) >= 0; });
    filter();
    if (saved.vb && saved.vb.w > 0) { vb = saved.vb; apply(); } else { opening(); }
    if (saved.query) { search.value = saved.query; runSearch(); }
    var again = nodes.findIndex(function (n) { return n.key === saved.selected; });
    if (again >= 0) { select(again, false); if (saved.mode) { highlight(saved.mode); } }
    if (saved.crux && !saved.mode) { showCrux(cruxOf(saved.crux)); }
  }
  // `?crux=ID` in the address picks a recommendation's crux when the page opens.
  // Else the one `render --crux ID --format html` names, on a first visit.
  var asked = new URLSearchParams(location.search).get('crux');
  if (asked !== null && cruxOf(asked) !== null) {
    showCrux(cruxOf(asked));
  } else if (!saved && data.crux && data.crux.initial !== undefined) {
    showCrux(data.crux.initial);
  }
  document.documentElement.setAttribute('data-ready', 'true');
}());
