"""Vega-Lite charts drawn without a network: the Vega, Vega-Lite and Vega-Embed JavaScript
(vl-convert's bundle, shipped inside a PyPI package), the loader that draws every chart
placeholder of a page, and JSON that is safe inside a ``<script>`` element. Reports (``offline``)
and the explorer (``chart_view``) both draw with it."""

from __future__ import annotations

import json
from functools import cache

from markupsafe import escape

from planwatch.present.html import VEGALITE_MIME

VEGA_MIMES = (VEGALITE_MIME, "application/vnd.vegalite.v6.json", "application/vnd.vegalite.v6+json")


LOADER = """
(function(){
  var opts={actions:false,renderer:"svg"};
  function quiet(target){  // a mark group with nothing in it (after a filter) is not announced
    target.querySelectorAll("g.role-mark").forEach(function(g){
      if(g.children.length){g.removeAttribute("aria-hidden");}else{g.setAttribute("aria-hidden","true");}
    });
  }
  document.querySelectorAll("script[type='application/vnd.planwatch.vegalite+json']").forEach(function(s){
    var target=document.getElementById(s.dataset.target);
    try{vegaEmbed(target,JSON.parse(s.textContent),opts).then(function(r){
        quiet(target); r.view.runAfter(function(){quiet(target);}, true);
        new MutationObserver(function(){quiet(target);}).observe(target,{childList:true,subtree:true});
      }).catch(function(e){target.textContent="chart error: "+e;target.className+=" pw-error";});}
    catch(e){target.textContent="chart error: "+e;target.className+=" pw-error";}
  });
})();
"""


@cache
def vega_bundle() -> str:
    import vl_convert

    return vl_convert.javascript_bundle()


def json_for_script(obj) -> str:
    """JSON safe inside <script>: no '</', '<!--' or line separators can end the element."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def scripts(assets: str | None = None) -> str:
    """The Vega bundle and the loader that draws every placeholder, once per page: the bundle
    inline (a self-contained file), or referenced relatively when ``assets`` names it (a folder
    published as a site, ``--shared-assets``)."""
    bundle = (
        f'<script src="{escape(assets)}"></script>'
        if assets
        else f"<script>{vega_bundle()}</script>"
    )
    return f"{bundle}<script>{LOADER}</script>"
