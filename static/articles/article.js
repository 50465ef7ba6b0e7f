// Article page: colour the actor swatches from validated data attributes (no inline styles from data).
const HEX = /^#(?:[0-9a-f]{3}){1,2}$/i;
for (const swatch of document.querySelectorAll(".swatch[data-colour]")) {
  const colour = swatch.dataset.colour;
  if (HEX.test(colour)) swatch.style.setProperty("--swatch", colour);
}

// A claim card's button, or a highlighted place in the text, opens the claim on the small map.
const showClaim = (id) =>
  document.dispatchEvent(new CustomEvent("conflictmap:show-claim", { detail: { id } }));

for (const button of document.querySelectorAll("button[data-show-claim]")) {
  button.addEventListener("click", () => showClaim(button.dataset.showClaim));
}

for (const mark of document.querySelectorAll("mark.mention[data-mention-id]")) {
  const cards = document.querySelectorAll(`.claim-card[data-mention-id="${mark.dataset.mentionId}"]`);
  if (!cards.length) continue;
  mark.classList.add("has-claims");
  mark.tabIndex = 0;
  mark.setAttribute("role", "button");
  const pick = () => {
    for (const card of document.querySelectorAll(".claim-card.is-picked")) card.classList.remove("is-picked");
    for (const card of cards) card.classList.add("is-picked");
    cards[0].scrollIntoView({ block: "nearest", behavior: "smooth" });
    showClaim(cards[0].dataset.claimId);
  };
  mark.addEventListener("click", pick);
  mark.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      pick();
    }
  });
}
