// Hovering or focusing a quote lights up the same quotation in the other outlets' columns.
document.addEventListener("DOMContentLoaded", () => {
  const marks = document.querySelectorAll("[data-group]");
  const light = (group, on) => {
    document.querySelectorAll(`[data-group="${group}"]`).forEach((el) => el.classList.toggle("active", on));
  };
  marks.forEach((el) => {
    el.addEventListener("mouseenter", () => light(el.dataset.group, true));
    el.addEventListener("mouseleave", () => light(el.dataset.group, false));
  });
});
