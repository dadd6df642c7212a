// Runs before textual.js draws the terminal (on the window's load).
(function () {
  "use strict";
  // A font size at which about 80 columns fit, so a phone shows the narrow board instead
  // of half of it.
  var terminal = document.getElementById("terminal");
  if (terminal) {
    var size = Math.floor((window.innerWidth || 1280) / 80 / 0.6);
    terminal.dataset.fontSize = String(Math.max(9, Math.min(16, size)));
  }
  // The terminal's WebGL renderer draws at twice the size (cut off) on screens with more
  // than one device pixel per CSS pixel, phones among them (xterm.js issue 4728); its
  // canvas renderer does not. Without WebGL2 the terminal uses the canvas.
  var getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (kind) {
    if (kind === "webgl2") {
      return null;
    }
    return getContext.apply(this, arguments);
  };
})();
