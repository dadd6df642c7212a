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
  // than one device pixel per CSS pixel, phones among them (a known fault of xterm.js); its
  // canvas renderer does not. Without WebGL2 the terminal uses the canvas.
  var getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (kind) {
    if (kind === "webgl2") {
      return null;
    }
    return getContext.apply(this, arguments);
  };
  // The board takes the keyboard as soon as it is there, without a click first. xterm.js
  // reads keys from its hidden text area; focus it once the board's websocket is open
  // (textual.js marks the page "-loaded" then, and tells the board about the focus: before,
  // that message cannot be sent).
  function focusBoard() {
    var input = document.querySelector("#terminal .xterm-helper-textarea");
    var open = document.body.classList.contains("-loaded");
    if (input && open && document.activeElement !== input) {
      input.focus();
    }
  }
  new MutationObserver(focusBoard).observe(document.body, {
    attributes: true,
    attributeFilter: ["class"],
  });
  // A tap or click anywhere on the page (but a link) gives the keyboard back to the board;
  // on a touch screen that tap is what brings up the on-screen keyboard.
  document.addEventListener("pointerup", function (event) {
    if (!(event.target instanceof Element && event.target.closest("a"))) {
      focusBoard();
    }
  });
})();
