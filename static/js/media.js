// Click-to-load video: the provider's player is made only when the reader
// asks for it, so that no page asks a third party for anything on load.
// Without this script the link leads to the video at the provider.
document.addEventListener("click", function (ev) {
  var a = ev.target.closest && ev.target.closest("a.video-play[data-embed]");
  if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
  ev.preventDefault();
  var frame = document.createElement("iframe");
  frame.src = a.dataset.embed;
  frame.title = a.dataset.title || "Video";
  frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
  frame.allowFullscreen = true;
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  frame.className = "video-frame";
  var box = a.closest(".video-placeholder");
  box.replaceWith(frame);
  frame.focus();
});
