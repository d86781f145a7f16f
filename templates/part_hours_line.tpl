{{%AUTOESCAPE context="HTML"}}<div class="hours-line" data-open="{{HOURS_OPEN}}">
<p class="hours-state"><span class="hours-dot" aria-hidden="true"></span>{{HOURS_STATE}}{{#HAS_NEXT}}<span class="hours-next"> · [[hours.next_open]] {{NEXT}}</span>{{/HAS_NEXT}}</p>
<ul class="hours-groups">{{#HOURS_GROUPS}}<li><span class="hours-days">{{DAYS}}</span> {{TIMES}}</li>{{/HOURS_GROUPS}}</ul>
</div>
