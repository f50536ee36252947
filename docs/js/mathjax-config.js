// MathJax 3 settings for pymdown-extensions' arithmatex (generic mode): typeset only the
// elements arithmatex marks, with \( \) inline and \[ \] display delimiters.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex"
  }
};
