// Baseline hop 2 (stands where the shell stands): forward whatever the child posts, unvalidated.
// The source page's URL comes in the fragment so the host page picks it.
(function () {
  var src = decodeURIComponent(location.hash.slice(1));
  addEventListener('message', function (e) { parent.postMessage(e.data, '*'); });
  var f = document.createElement('iframe');
  f.name = 'source';
  f.src = src;
  document.body.appendChild(f);
})();
