// planwatch's explorer chart (an anywidget front end). The Vega bundle planwatch ships is run
// once per page; each chart is drawn once per change of its spec, with that bundle's
// Vega-Lite, as an SVG; mark groups with nothing in them are kept out of the accessibility
// tree, as in the exported reports.
// The bundle comes with the first chart that carries it (the explorer sends it once, with its
// main chart); charts without it wait for it.
function vega(model) {
  if (!window.__planwatchVegaReady) {
    window.__planwatchVegaReady = new Promise((resolve) => {
      window.__planwatchVegaResolve = resolve;
    });
  }
  const code = model.get("_bundle");
  if (code && !window.__planwatchVega) {
    const script = document.createElement("script");
    script.textContent = code;
    document.head.appendChild(script);
    window.__planwatchVega = window.vegaEmbed;
    window.__planwatchVegaResolve(window.vegaEmbed);
  }
  return window.__planwatchVegaReady;
}

function quiet(target) {
  target.querySelectorAll("g.role-mark").forEach((g) => {
    if (g.children.length) g.removeAttribute("aria-hidden");
    else g.setAttribute("aria-hidden", "true");
  });
}

async function render({ model, el }) {
  const embed = await vega(model);
  let shown = null;
  let drawn = 0;
  let latest = 0; // the newest drawing asked for: an older one still drawing is dropped
  const draw = async () => {
    const mine = ++latest;
    if (shown) shown.finalize();
    shown = null;
    el.textContent = "";
    const text = model.get("spec");
    if (!text) return;
    const target = document.createElement("div");
    el.appendChild(target);
    try {
      const result = await embed(target, JSON.parse(text), { actions: false, renderer: "svg" });
      if (mine !== latest) {
        result.finalize(); // overtaken while drawing: a newer spec is being drawn
        target.remove();
        return;
      }
      shown = result;
      drawn += 1;
      el.dataset.draws = String(drawn);
      quiet(target);
      shown.view.runAfter(() => quiet(target), true);
    } catch (e) {
      if (mine !== latest) return;
      target.textContent = "chart error: " + e;
      target.className = "pw-error";
    }
  };
  model.on("change:spec", draw);
  draw();
  return () => {
    latest += 1;
    model.off("change:spec", draw);
    if (shown) shown.finalize();
  };
}

export default { render };
