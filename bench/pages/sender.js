// Event generator for the bridge bench, run both in the real mock bar frame (injected) and in the
// baseline source page: posts CEC envelopes to window.parent exactly as the bar does. Each
// envelope's `message` carries its send time on the shared clock (timeOrigin + now, in ms).
(function () {
  function now() { return performance.timeOrigin + performance.now(); }
  function envelope(i) {
    return {
      event: {
        eventType: 'AgentEvent_Talking',
        workNo: '101',
        content: { caller: '88880001', called: '6001', callid: '1456404043-' + (i % 1000), type: 'main', feature: 0, mediaAbility: 1 },
      },
      message: String(now()),
    };
  }
  window.__benchSender = {
    /** Posts n envelopes back to back; returns the send start time. */
    burst: function (n, targetOrigin) {
      var t0 = now();
      for (var i = 0; i < n; i++) window.parent.postMessage(envelope(i), targetOrigin);
      return t0;
    },
    /** Posts n envelopes gapMs apart (single-event latency); resolves when all are sent. */
    spaced: function (n, gapMs, targetOrigin) {
      return new Promise(function (resolve) {
        var i = 0;
        (function next() {
          if (i >= n) return resolve(n);
          window.parent.postMessage(envelope(i++), targetOrigin);
          setTimeout(next, gapMs);
        })();
      });
    },
  };
})();
