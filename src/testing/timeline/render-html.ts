/**
 * The timeline page: one self-contained HTML file (inline CSS, inline SVG and a few lines of
 * inline script for the tooltip; nothing is loaded from the network).
 */
import { escapeXml } from "./escape";
import { formatSpan } from "./format-time";
import type { TimelineModel } from "./model";
import { renderTimelineSvg } from "./render-svg";

/**
 * Options of the timeline page.
 *
 * @example
 * ```ts
 * const html = result.toTimelineHtml({ title: "checkout #42", width: 1400 });
 * ```
 */
export interface TimelineOptions {
  /** Page title; default: the execution's name, else "Durable execution". */
  title?: string;
  /** Width of the time axis in pixels (default 1000). */
  width?: number;
}

const STYLE = `
body{font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:20px;color:#212529;background:#fff}
h1{font-size:18px;margin:0 0 4px}
.summary{color:#495057;margin:0 0 10px}
.status{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-size:12px;vertical-align:2px;margin-left:6px}
.status.SUCCEEDED{background:#2f9e44}.status.FAILED{background:#e03131}.status.RUNNING{background:#1c7ed6}
.status.TIMED_OUT{background:#f08c00}.status.STOPPED{background:#868e96}
.legend{display:flex;flex-wrap:wrap;gap:14px;margin:0 0 10px;color:#495057}
.legend span{display:inline-flex;align-items:center;gap:5px}
.legend svg{vertical-align:middle}
.chart{overflow-x:auto;border:1px solid #dee2e6;border-radius:6px}
svg.timeline text{font-size:12px;fill:#212529}
.stripe{fill:#f8f9fa}
.label .kind{fill:#868e96;font-size:10.5px}.label .twig{fill:#adb5bd}
.lane-label{fill:#868e96;font-size:11px}
.axis{stroke:#adb5bd}.tick{stroke:#adb5bd}
svg.timeline .tick-label{font-size:10.5px;fill:#495057;text-anchor:middle}
svg.timeline .break-label{font-size:10.5px;fill:#868e96;text-anchor:middle}
.break{fill:url(#hatch-break);opacity:.7}.break-edge{stroke:#adb5bd;stroke-dasharray:3 3}
.invocation .band{fill:#e7f5ff;opacity:.75}.invocation.even .band{fill:#e6fcf5}
.invocation .chip{fill:#74c0fc}.invocation.even .chip{fill:#63e6be}.invocation.errored .chip{fill:#ffa8a8}
svg.timeline .chip-label{font-size:10.5px;text-anchor:middle;pointer-events:none}
.o-succeeded{--c:#2f9e44}.o-failed{--c:#e03131}.o-running{--c:#1c7ed6}.o-timed-out{--c:#f08c00}
.o-cancelled,.o-stopped{--c:#868e96}
.seg{fill:var(--c);stroke:var(--c);stroke-width:1}
.seg.invoke{fill-opacity:.55}
.seg.wait{fill:url(#hatch-wait)}.seg.callback{fill:url(#hatch-callback)}.seg.retry-delay{fill:url(#hatch-retry);stroke:#e8a33d}
.seg.open{stroke-dasharray:4 2;fill-opacity:.6}
.bar:hover .seg,.invocation:hover .chip{stroke:#212529;stroke-width:1.5}
#tip{position:fixed;max-width:460px;background:#212529;color:#f8f9fa;padding:7px 10px;border-radius:6px;font-size:12px;pointer-events:none;box-shadow:0 2px 8px rgba(0,0,0,.25);z-index:2}
#tip b{display:block;margin-bottom:2px}#tip pre{margin:0;font:inherit;white-space:pre-wrap;word-break:break-word}
`;

const SCRIPT = `(function(){var tip=document.getElementById("tip"),t=tip.querySelector("b"),b=tip.querySelector("pre");
document.addEventListener("mousemove",function(e){var el=e.target.closest?e.target.closest("[data-tip]"):null;
if(!el){tip.hidden=true;return}t.textContent=el.getAttribute("data-tip-title");b.textContent=el.getAttribute("data-tip");tip.hidden=false;
var x=Math.min(e.clientX+14,innerWidth-tip.offsetWidth-8),y=e.clientY+14+tip.offsetHeight>innerHeight?e.clientY-tip.offsetHeight-10:e.clientY+14;
tip.style.left=Math.max(4,x)+"px";tip.style.top=Math.max(4,y)+"px"});
document.addEventListener("mouseleave",function(){tip.hidden=true})})();`;

const LEGEND: Array<[string, string]> = [
  ["seg attempt o-succeeded", "succeeded"],
  ["seg attempt o-failed", "failed attempt / failed"],
  ["seg attempt o-running", "not finished"],
  ["seg retry-delay", "retry delay"],
  ["seg wait o-succeeded", "wait"],
  ["seg callback o-succeeded", "waiting for a callback"],
  ["seg invoke o-succeeded", "invoke"],
  ["seg context o-succeeded", "context, map, parallel"],
];

/** Renders the whole page for `model`. */
export function renderTimelinePage(model: TimelineModel, options: TimelineOptions = {}): string {
  const title = options.title ?? model.name ?? "Durable execution";
  const wall = model.invocations.reduce((sum, i) => sum + (i.end - i.start), 0);
  const summary = [
    `started ${new Date(model.start).toISOString()}`,
    `${formatSpan(model.end - model.start)} on the service's clock`,
    `${model.invocations.length} invocation(s), ${formatSpan(wall)} of handler wall time`,
    `${model.operations.length} operation(s)`,
  ].join(" · ");
  const legend = LEGEND.map(
    ([cls, text]) =>
      `<span><svg width="22" height="12"><rect class="${cls} swatch" x="1" y="${cls.includes("context") ? 3 : 0}" width="20" height="${cls.includes("context") ? 6 : 12}" rx="2"/></svg>${escapeXml(text)}</span>`,
  ).join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title)} · timeline</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeXml(title)}<span class="status ${escapeXml(model.status)}">${escapeXml(model.status)}</span></h1>
<p class="summary">${escapeXml(summary)}. Idle stretches are compressed (hatched grey, real length on top); hover a bar or an invocation for details.</p>
<div class="legend">${legend}<span><svg width="22" height="12"><rect class="invocation-swatch" x="1" y="0" width="20" height="12" fill="#e7f5ff" stroke="#74c0fc"/></svg>invocation (handler running)</span></div>
<div class="chart">
${renderTimelineSvg(model, options.width ?? 1000)}
</div>
<div id="tip" hidden><b></b><pre></pre></div>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
