/**
 * The console's one stylesheet, served at /console/sluis.css. Colours meet WCAG 2.1 AA contrast
 * (text ≥ 4.5:1 on its background; measured: #1b1b1b on #fff 17:1, #0b4f8a on #fff 8.6:1, #fff on
 * #0b4f8a 8.6:1, #8a1c1c on #fdf0f0 7.9:1, #1d5c2e on #eef7f0 7.4:1, #5c4a00 on #fff7d6 7.8:1); the focus is always visible.
 */
export const STYLESHEET = `
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:100%;color:#1b1b1b;background:#fff;line-height:1.5}
body{margin:0}
a{color:#0b4f8a}
a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid #c75000;outline-offset:2px}
.skip{position:absolute;left:-10000px;top:0}
.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.5rem;z-index:2}
header.top{background:#0b4f8a;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
header.top a{color:#fff}
header.top nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:1rem}
header.top nav a[aria-current=page]{font-weight:bold;text-decoration-thickness:3px}
header.top .who{margin-left:auto}
header.top form{display:inline}
header.top button{background:#fff;color:#0b4f8a;border:1px solid #fff}
main{padding:1rem;max-width:80rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
h3{font-size:1.05rem;margin:1rem 0 .25rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:bold;padding:.25rem 0}
th,td{border-bottom:1px solid #8c8c8c;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}
form.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end;margin-bottom:1rem}
form.filters div,form.stack div{display:flex;flex-direction:column}
form.stack div{margin-bottom:.75rem}
label{font-weight:600}
input,select,textarea,button{font:inherit;padding:.3rem .5rem;border:1px solid #595959;border-radius:3px;color:#1b1b1b;background:#fff}
textarea{width:100%;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9rem}
button{background:#0b4f8a;color:#fff;border-color:#0b4f8a;cursor:pointer}
button.secondary{background:#fff;color:#0b4f8a}
.error{background:#fdf0f0;color:#8a1c1c;border-left:4px solid #8a1c1c;padding:.5rem 1rem}
.ok{background:#eef7f0;color:#1d5c2e;border-left:4px solid #1d5c2e;padding:.5rem 1rem}
.warn{background:#fff7d6;color:#5c4a00;border-left:4px solid #5c4a00;padding:.5rem 1rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9rem}
pre{background:#f6f6f6;padding:.5rem;overflow:auto;border:1px solid #8c8c8c}
ol.timeline{padding-left:1.5rem}
.pager{display:flex;gap:1rem}
progress{width:20rem;height:1.25rem}
`;
