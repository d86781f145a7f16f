{{%AUTOESCAPE context="HTML"}}{{>HEAD}}
<section class="panel">
  <h1>[[exposure.title]]</h1>
  <h2>[[exposure.chat_url]]</h2>
  <div class="copy-row">
    <input id="chat-url" type="text" readonly value="{{CHAT_URL}}" aria-label="[[exposure.chat_url]]">
    <button type="button" data-copy="#chat-url" data-copied="[[exposure.copied]]" hidden>[[exposure.copy]]</button>
  </div>
  <p class="hint">[[exposure.chat_url.hint]]</p>
</section>
<section class="panel">
  <h2>[[exposure.banner_pc]]</h2>
  <p class="hint">[[exposure.banner.hint]]</p>
  <textarea id="banner-pc" readonly rows="4" aria-label="[[exposure.banner_pc]]">&lt;a href=&quot;{{CHAT_URL}}?ref=banner_pc&quot; target=&quot;_blank&quot; rel=&quot;noopener&quot; onclick=&quot;this.href=&#39;{{CHAT_URL}}?ref=banner_pc&amp;from=&#39;+encodeURIComponent(location.href)&quot; style=&quot;display:inline-block;padding:12px 20px;border-radius:24px;background:#1e6fd9;color:#fff;font-weight:bold;text-decoration:none&quot;&gt;[[exposure.banner_label]]&lt;/a&gt;</textarea>
  <button type="button" data-copy="#banner-pc" data-copied="[[exposure.copied]]" hidden>[[exposure.copy]]</button>
  <h2>[[exposure.banner_mobile]]</h2>
  <textarea id="banner-mobile" readonly rows="4" aria-label="[[exposure.banner_mobile]]">&lt;a href=&quot;{{CHAT_URL}}?ref=banner_mobile&quot; onclick=&quot;this.href=&#39;{{CHAT_URL}}?ref=banner_mobile&amp;from=&#39;+encodeURIComponent(location.href)&quot; style=&quot;position:fixed;right:16px;bottom:16px;z-index:9999;padding:14px 18px;border-radius:28px;background:#1e6fd9;color:#fff;font-weight:bold;text-decoration:none;box-shadow:0 4px 12px rgba(0,0,0,.25)&quot;&gt;[[exposure.banner_label]]&lt;/a&gt;</textarea>
  <button type="button" data-copy="#banner-mobile" data-copied="[[exposure.copied]]" hidden>[[exposure.copy]]</button>
  <h3>[[exposure.preview]]</h3>
  <p><a class="button primary-inline" href="{{CHAT_URL}}?ref=banner_pc" target="_blank" rel="noopener">[[exposure.banner_label]]</a></p>
</section>
<section class="panel">
  <h2>[[exposure.qr]]</h2>
  <p class="hint">[[exposure.qr.hint]]</p>
  <div class="qr-grid">
    <figure><img src="/a/{{ACCOUNT_CODE}}/qr/350.png" width="175" height="175" alt="[[exposure.qr_alt]]"><figcaption>350 × 350 px</figcaption></figure>
  </div>
  <ul class="downloads">
    <li><a href="/a/{{ACCOUNT_CODE}}/qr/50.png" download="qr-{{ACCOUNT_CODE}}-50.png">PNG 50 × 50 px</a> <span class="hint warn">[[exposure.qr_50_warning]]</span></li>
    <li><a href="/a/{{ACCOUNT_CODE}}/qr/350.png" download="qr-{{ACCOUNT_CODE}}-350.png">PNG 350 × 350 px</a></li>
    <li><a href="/a/{{ACCOUNT_CODE}}/qr/600.png" download="qr-{{ACCOUNT_CODE}}-600.png">PNG 600 × 600 px</a></li>
    <li><a href="/a/{{ACCOUNT_CODE}}/qr.svg" download="qr-{{ACCOUNT_CODE}}.svg">SVG</a> <span class="hint">[[exposure.qr_svg_hint]]</span></li>
  </ul>
</section>
{{>FOOT}}
