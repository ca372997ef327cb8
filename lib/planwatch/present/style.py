"""The stylesheet every exported page and the index page share (inlined, never fetched)."""

CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;
max-width:1040px;margin:2em auto;padding:0 1em;color:#222;line-height:1.55}
html[lang=zh] .pw-en{display:none} html[lang=en] .pw-zh{display:none}
h1{font-size:1.7em;margin-bottom:.2em} .pw-subtitle{color:#666;margin-top:0}
table.pw-table,table.pw-data-table{border-collapse:collapse;font-size:.86em;margin:.6em 0 1.2em;width:100%}
.pw-table th,.pw-table td,.pw-data-table th,.pw-data-table td{border:1px solid #ddd;padding:.3em .45em;vertical-align:top;text-align:left}
.pw-table th,.pw-data-table th{background:#f4f4f4} .pw-note{color:#666;font-size:.88em} .pw-absent{background:#fff7e0;padding:.6em}
blockquote{border-left:4px solid #ccc;margin:0;padding:.2em 1em;color:#444}
nav.pw-toc{background:#f8f8f8;padding:.6em 1.2em;margin:1em 0} nav.pw-toc ol{margin:.2em 0}
.pw-chart{margin:.3em 0 .6em;max-width:100%;overflow-x:auto} .pw-chart svg{max-width:none;height:auto}
figure.pw-figure{margin:.6em 0 1.4em} figure.pw-figure figcaption{font-size:.9em;color:#444;margin-bottom:.3em}
.pw-figtitle{font-weight:bold;color:#222} details.pw-chart-data{font-size:.85em;margin:.2em 0 .6em;max-width:100%;overflow:hidden}
.pw-table-wrap{max-width:100%;overflow-x:auto} a{overflow-wrap:anywhere} caption{text-align:left;font-weight:bold;padding:.2em 0} footer.pw-meta{border-top:1px solid #ddd;margin-top:3em;color:#666;font-size:.85em;overflow-wrap:anywhere}
.pw-error{color:#b00} .pw-sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap} .pw-lang-switch{float:right} .pw-lang-switch button{margin-left:.3em;padding:.2em .7em;font:inherit}
.pw-lang-switch button[aria-pressed=true]{font-weight:bold} .pw-data{margin:-.8em 0 1.2em;font-size:.85em} .pw-data-all{margin:.4em 0 1em}
@media print{
body{max-width:none;margin:0;padding:0;font-size:10.5pt}
.pw-lang-switch,.pw-data,.vega-embed details,.vega-embed summary,.vega-bindings{display:none!important}
nav.pw-toc{background:none;padding:0}
h1,h2,h3{break-after:avoid;page-break-after:avoid}
.pw-chart,figure,blockquote,tr{break-inside:avoid;page-break-inside:avoid} .pw-chart svg{max-width:100%}
table.pw-table{font-size:8.5pt} thead{display:table-header-group}
a{color:#000;overflow-wrap:anywhere}
}
@page{size:A4;margin:16mm 14mm}
"""
