// Article page: colour the actor swatches from validated data attributes (no inline styles from data).
const HEX = /^#(?:[0-9a-f]{3}){1,2}$/i;
for (const swatch of document.querySelectorAll(".swatch[data-colour]")) {
  const colour = swatch.dataset.colour;
  if (HEX.test(colour)) swatch.style.setProperty("--swatch", colour);
}
