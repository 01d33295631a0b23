// Watchkeeper audit reviewer UI: the only script (the CSP allows no inline script).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("verify");
  const result = document.getElementById("verify-result");
  if (!button || !result) {
    return;
  }
  button.addEventListener("click", async () => {
    button.disabled = true;
    result.className = "pending";
    result.textContent = "Verifying the whole chain…";
    try {
      const response = await fetch(button.dataset.url, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      const verdict = await response.json();
      if (verdict.status === "ok") {
        result.className = "ok";
        result.textContent = "Intact: " + verdict.entries + " entries, head " + verdict.headSequence + " "
          + verdict.headHash;
      } else {
        result.className = "broken";
        result.textContent = "Broken at entry " + verdict.sequence + " (" + verdict.problem + "): "
          + verdict.explanation;
      }
    } catch (error) {
      result.className = "broken";
      result.textContent = "Verification could not run: " + error.message;
    } finally {
      button.disabled = false;
    }
  });
});
