// Thurrock Front Door chat page. Plain JavaScript, no framework, no build step.
// Bot and resident text is always shown as text (textContent), never as HTML; only links to an
// allow-list of sites become links. Which conversation this is lives in an HttpOnly cookie the
// server sets (this script never sees it); the transcript kept here expires with that cookie.
(function () {
  "use strict";

  var KEYS = { expires: "frontDoor.expires", transcript: "frontDoor.transcript", settings: "frontDoor.settings" };
  var SESSION_MS = 1000 * Number(document.querySelector("meta[name=front-door-session-seconds]").content);
  var KEEP_MESSAGES = 200;
  // On the reply that says a conversation was forgotten (bot/forget.py; filled in by the chat channel).
  var FORGET_MARKER = "{{forget_marker}}";
  var SAFE_LINK = /\b((?:https?:\/\/)?(?:www\.)?(?:thurrock\.gov\.uk|nhs\.uk|samaritans\.org)(?:\/[\w\-./]*)?)/g;

  var conversation = document.getElementById("conversation");
  var replies = document.getElementById("replies");
  var form = document.getElementById("chat-form");
  var box = document.getElementById("message");
  var group = document.getElementById("message-group");
  var error = document.getElementById("message-error");
  var easyRead = document.getElementById("easy-read");
  var readAloud = document.getElementById("read-aloud");
  var rate = document.getElementById("speech-rate");

  function load(key, fallback) {
    try { return JSON.parse(localStorage.getItem(key)) || fallback; } catch (e) { return fallback; }
  }
  function save(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode: keep going */ }
  }
  try { localStorage.removeItem("frontDoor.sender"); } catch (e) { /* ids are no longer kept here */ }
  if (load(KEYS.expires, 0) < Date.now()) {  // the conversation's cookie has expired too
    save(KEYS.transcript, []);
    save(KEYS.transcript + ".buttons", []);
  }
  var transcript = load(KEYS.transcript, []);
  var settings = load(KEYS.settings, { easyRead: false, readAloud: false, rate: "normal" });

  // Text with safe links as <a>, everything else as text nodes.
  function appendText(parent, text) {
    var last = 0;
    text.replace(SAFE_LINK, function (match, _link, offset) {
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var link = document.createElement("a");
      link.className = "link";
      link.href = /^https?:/.test(match) ? match : "https://" + match;
      link.textContent = match;
      parent.appendChild(link);
      last = offset + match.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function render(entry) {
    var item = document.createElement("div");
    item.className = "message message--" + entry.who;
    var who = document.createElement("span");
    who.className = "message__who";
    who.textContent = entry.who === "you" ? "You said:" : "Front Door said:";
    item.appendChild(who);
    entry.text.split("\n").forEach(function (line) {
      var paragraph = document.createElement("p");
      appendText(paragraph, line);
      item.appendChild(paragraph);
    });
    conversation.appendChild(item);
    conversation.scrollTop = conversation.scrollHeight;
  }

  function remember(entry) {
    transcript.push(entry);
    transcript = transcript.slice(-KEEP_MESSAGES);
    save(KEYS.transcript, transcript);
    render(entry);
  }

  function showReplies(buttons) {
    replies.textContent = "";
    (buttons || []).forEach(function (button) {
      var element = document.createElement("button");
      element.type = "button";
      element.className = "button button--secondary";
      element.textContent = button.title;
      element.addEventListener("click", function () { send(button.payload, button.title); });
      replies.appendChild(element);
    });
    save(KEYS.transcript + ".buttons", buttons || []);
  }

  var playing = Promise.resolve();
  function play(url) {
    playing = playing.then(function () {
      return new Promise(function (done) {
        var audio = new Audio(url);
        audio.addEventListener("ended", done);
        audio.addEventListener("error", done);
        audio.play().catch(done);
      });
    });
  }

  function send(text, shownAs) {
    remember({ who: "you", text: shownAs || text });
    var channel = settings.readAloud ? "speech" : "rest";
    return fetch("/webhooks/" + channel + "/webhook", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ message: text, rate: settings.rate })
    })
      .then(function (response) {
        save(KEYS.expires, Date.now() + SESSION_MS);
        if (response.headers.get("X-Conversation-Started") === "true" && transcript.length > 1) {
          startAfresh();  // the server no longer knows the earlier conversation: nor does this page
        }
        return response.json();
      })
      .then(function (messages) {
        var buttons = [];
        if (messages.some(function (message) { return message.custom && message.custom[FORGET_MARKER] === true; })) {
          forgetHere();
        }
        messages.forEach(function (message) {
          if (message.text) { remember({ who: "bot", text: message.text }); }
          if (message.buttons) { buttons = buttons.concat(message.buttons); }
          if (settings.readAloud && message.audio_url) { play(message.audio_url); }
        });
        showReplies(buttons);
      })
      .catch(function () {
        remember({ who: "bot", text: document.getElementById("unavailable").content.textContent.trim() });
      });
  }

  // After "forget me": nothing of the conversation stays in this browser (the server has also
  // cleared its cookie, so the next message begins a new conversation).
  function forgetHere() {
    transcript = [];
    conversation.textContent = "";
    save(KEYS.transcript, transcript);
  }

  // A new conversation on the server: keep only the message just sent.
  function startAfresh() {
    var last = transcript[transcript.length - 1];
    forgetHere();
    remember(last);
  }

  function showError(show) {
    error.hidden = !show;
    group.classList.toggle("form-group--error", show);
    box.setAttribute("aria-describedby", show ? "message-error message-hint" : "message-hint");
    box.setAttribute("aria-invalid", show ? "true" : "false");
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = box.value.trim();
    if (!text) { showError(true); box.focus(); return; }
    showError(false);
    box.value = "";
    send(text).then(function () { box.focus(); });
  });
  box.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  function showSettings() {
    easyRead.setAttribute("aria-pressed", String(settings.easyRead));
    readAloud.setAttribute("aria-pressed", String(settings.readAloud));
    rate.value = settings.rate;
    save(KEYS.settings, settings);
  }
  easyRead.addEventListener("click", function () {
    settings.easyRead = !settings.easyRead;
    showSettings();
    send(settings.easyRead ? "/easy_read_on" : "/easy_read_off",
         settings.easyRead ? "Easy Read on" : "Easy Read off");
  });
  readAloud.addEventListener("click", function () {
    settings.readAloud = !settings.readAloud;
    showSettings();
  });
  rate.addEventListener("change", function () { settings.rate = rate.value; showSettings(); });
  document.getElementById("talk-to-person").addEventListener("click", function () {
    send("/talk_to_person", "Talk to a person");
  });
  document.getElementById("delete-conversation").addEventListener("click", function () {
    send("/forget_me", "Delete this conversation");
  });
  document.getElementById("start-again").addEventListener("click", function () {
    send("/start_again", "Start again");
  });

  // A reload shows the conversation so far; the cookie keeps it the same conversation on the server.
  transcript.forEach(render);
  showReplies(load(KEYS.transcript + ".buttons", []));
  showSettings();
  if (!transcript.length) { send("/greet", "Hello"); }
}());
