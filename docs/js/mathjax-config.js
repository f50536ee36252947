// MathJax 3 settings: typeset only the elements that pymdown-extensions' arithmatex marks
// (generic mode: \( \) inline, \[ \] display) and the notebooks' Markdown cells ($ and $$,
// rendered by mkdocs-jupyter), nothing else on the page (code, tables of numbers, search).
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"], ["$", "$"]],
    displayMath: [["\\[", "\\]"], ["$$", "$$"]],
    processEscapes: true,
    processEnvironments: true
  },
  startup: {
    typeset: false,
    pageReady() {
      return MathJax.startup.defaultPageReady().then(() => MathJax.typesetPromise(
        Array.from(document.querySelectorAll(".arithmatex, .jp-RenderedMarkdown"))));
    }
  }
};
