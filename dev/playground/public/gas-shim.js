/* google.script.run / google.script.host for the playground's sidebar (docs/playground.md).
 * The server inlines this file into the served Sidebar.html before the sidebar's own scripts, after a
 * line that sets `__PLAYGROUND_SERVER_FUNCTIONS__` (the bundle's public top-level functions).
 * The sidebar runs in a sandboxed iframe with an opaque origin, as Apps Script's IFRAME sandbox does;
 * calls travel by postMessage to the page, which forwards them to POST /rpc. */
/* global window, Element, HTMLFormElement */
(function () {
  'use strict';
  var SERVER_FUNCTIONS = window.__PLAYGROUND_SERVER_FUNCTIONS__ || [];
  var pending = {};
  var nextId = 1;

  function illegal(property) {
    return new Error('Failed due to illegal value in property: ' + property);
  }

  function isPlainObject(v) {
    var proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
  }

  /* google.script.run's rules for arguments ("HTML service: communicate with server functions"):
   * primitives, null, and objects/arrays made of them are legal; a Date, Function, DOM element (other than
   * a form as the only argument) or other prohibited type fails the request, also when nested; circular
   * references fail; undefined inside arrays becomes null; undefined object fields are dropped. */
  function toWire(value, property, seen) {
    if (value === null) return null;
    var t = typeof value;
    if (t === 'string' || t === 'boolean') return value;
    if (t === 'number') return isFinite(value) ? value : null;
    if (t === 'undefined') return null;
    if (t !== 'object') throw illegal(property); // function, symbol, bigint
    if (Object.prototype.toString.call(value) === '[object Date]') throw illegal(property);
    if (typeof Element !== 'undefined' && value instanceof Element) throw illegal(property);
    if (seen.indexOf(value) >= 0) throw illegal(property);
    seen.push(value);
    var out;
    if (Array.isArray(value)) {
      out = [];
      for (var i = 0; i < value.length; i++) out.push(toWire(value[i], String(i), seen));
    } else if (isPlainObject(value)) {
      out = {};
      for (var key in value) {
        if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
        if (value[key] === undefined) continue;
        out[key] = toWire(value[key], key, seen);
      }
    } else {
      throw illegal(property); // Map, Set, RegExp, class instances, typed arrays...
    }
    seen.pop();
    return out;
  }

  /* A form element is legal as the only argument: it arrives as an object of its named fields. */
  function formToObject(form) {
    var out = {};
    var data = new FormData(form);
    data.forEach(function (v, k) {
      if (typeof File !== 'undefined' && v instanceof File) return; // blobs are not emulated
      if (Object.prototype.hasOwnProperty.call(out, k)) {
        out[k] = [].concat(out[k], v);
      } else out[k] = v;
    });
    return out;
  }

  function serializeArgs(args) {
    if (args.length === 1 && typeof HTMLFormElement !== 'undefined' && args[0] instanceof HTMLFormElement) {
      return [formToObject(args[0])];
    }
    var out = [];
    for (var i = 0; i < args.length; i++) {
      if (typeof HTMLFormElement !== 'undefined' && args[i] instanceof HTMLFormElement)
        throw illegal(String(i));
      out.push(toWire(args[i], String(i), []));
    }
    return out;
  }

  function makeRunner(success, failure, userObject) {
    var runner = {
      withSuccessHandler: function (fn) {
        return makeRunner(fn, failure, userObject);
      },
      withFailureHandler: function (fn) {
        return makeRunner(success, fn, userObject);
      },
      withUserObject: function (obj) {
        return makeRunner(success, failure, obj);
      },
    };
    SERVER_FUNCTIONS.forEach(function (name) {
      runner[name] = function () {
        // Serialization errors throw synchronously at the call, before anything is sent.
        var wireArgs = serializeArgs(Array.prototype.slice.call(arguments));
        var id = nextId++;
        pending[id] = { success: success, failure: failure, userObject: userObject, fn: name };
        window.parent.postMessage({ type: 'gas-rpc', id: id, fn: name, args: wireArgs }, '*');
      };
    });
    return runner;
  }

  window.addEventListener('message', function (ev) {
    if (ev.source !== window.parent) return;
    var msg = ev.data;
    if (!msg || msg.type !== 'gas-rpc-result') return;
    var call = pending[msg.id];
    if (!call) return;
    delete pending[msg.id];
    if (msg.warning) console.warn('google.script.run.' + call.fn + ': ' + msg.warning);
    if (msg.ok) {
      if (call.success) call.success(msg.result, call.userObject);
      return;
    }
    var err = new Error((msg.error && msg.error.message) || 'Unknown server error');
    err.name = (msg.error && msg.error.name) || 'ScriptError';
    if (call.failure) call.failure(err, call.userObject);
    else
      setTimeout(function () {
        throw err; // Apps Script reports an unhandled server error as an uncaught error in the console.
      });
  });

  var host = {
    origin: window.location.origin,
    close: function () {
      window.parent.postMessage({ type: 'gas-host', op: 'close' }, '*');
    },
    setHeight: function () {},
    setWidth: function () {},
    editor: {
      focus: function () {
        window.parent.postMessage({ type: 'gas-host', op: 'focus' }, '*');
      },
    },
  };

  var url = {
    getLocation: function (callback) {
      setTimeout(function () {
        callback({ hash: '', parameter: {}, parameters: {} });
      });
    },
  };

  window.google = window.google || {};
  window.google.script = { run: makeRunner(null, null, undefined), host: host, url: url };
})();
