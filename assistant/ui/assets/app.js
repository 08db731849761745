// IKZ-Assistent in the browser: [n] links in answers show their passage; copy to the clipboard.
// Loaded once through the page <head>; everything is delegated, so re-rendered answers keep working.
(() => {
  if (window.ikzReady) return;
  window.ikzReady = true;
  document.documentElement.lang = "de"; // Gradio's page template says "en"; screen readers read by it

  function showSource(id) {
    const card = document.getElementById(id);
    if (!card) return false;
    const folded = card.closest("details");
    if (folded) folded.open = true;
    document.querySelectorAll(".ikz-source.is-active").forEach((el) => el.classList.remove("is-active"));
    card.classList.add("is-active");
    card.scrollIntoView({ behavior: "smooth", block: "nearest" });
    card.focus({ preventScroll: true });
    return true;
  }

  // Capture phase: handled before the chat component could treat the click as a link to open.
  document.addEventListener("click", (event) => {
    const link = event.target.closest ? event.target.closest("a.ikz-cite") : null;
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    showSource((link.getAttribute("href") || "").slice(1));
  }, true);

  function toast(message) {
    const note = document.createElement("div");
    note.className = "ikz-toast";
    note.setAttribute("role", "status");
    note.textContent = message;
    document.body.appendChild(note);
    setTimeout(() => note.remove(), 2500);
  }

  window.ikzCopy = async (text, doneMessage) => {
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch (error) {
      // Older browsers or a page not served over https/localhost: the textarea route still works.
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      copied = document.execCommand("copy");
      area.remove();
    }
    if (copied) toast(doneMessage);
  };
})();
