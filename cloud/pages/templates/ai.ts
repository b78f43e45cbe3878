/**
 * How GradeBot uses AI and where it falls short. Mirrors the pipeline (rubric → feedback per Doc →
 * summary), the output schema (shared/domain) and the safeguards the backend actually applies.
 */
export const AI = `<% layout('@layout') %>
<h1>How GradeBot uses AI</h1>
<p class="meta">Effective <time datetime="<%= it.effective.iso %>"><%= it.effective.text %></time></p>

<div class="summary">
<strong>In short</strong>
<ul>
<li>GradeBot’s feedback is a draft for you, the teacher, to review. You decide what students see.</li>
<li>Nothing is written into a student’s Doc unless you insert it.</li>
<li>The check of how likely a text was written with AI is a signal, not proof.</li>
</ul>
</div>

<h2 id="what">What the AI does</h2>
<p>GradeBot uses Claude, a family of AI models made by Anthropic, through Anthropic’s API. For each assignment it makes three kinds of request:</p>
<ol>
<li><strong>Rubric.</strong> From your assignment details it writes a rubric with criteria and levels, or it structures the rubric you pasted without changing its meaning.</li>
<li><strong>Feedback for each Doc.</strong> With the assignment and the rubric, it reads one student’s text and drafts: an overall comment; strengths and opportunities, each with a short quote from the student’s text as evidence; a level for every rubric criterion with an explanation; a summary of the work; a question you could ask the student; checks scored from 0 to 100 with an explanation; and an estimated writing grade level.</li>
<li><strong>Assignment summary.</strong> When every Doc is done, it drafts a summary of strengths and opportunities across the class.</li>
</ol>
<p>The tone you choose (encouraging, neutral or critical) changes how the feedback is worded, not what the rubric asks for.</p>

<h2 id="you-decide">You stay in charge</h2>
<ul>
<li>Every piece of feedback can be edited before you use it; GradeBot keeps the AI’s wording next to yours.</li>
<li>GradeBot never writes into a student’s Doc on its own. Feedback is inserted only when you choose the sections to insert and click insert, and only into that student’s Doc.</li>
<li>GradeBot does not send grades anywhere, contact students or make decisions about them.</li>
</ul>

<h2 id="limits">Limits you should know</h2>
<ul>
<li><strong>It can be wrong.</strong> The AI can misread a text, miss what a student did well, pick the wrong rubric level or state something untrue with confidence.</li>
<li><strong>It can be unfair.</strong> AI models can reflect biases in the text they learned from, for example against non-standard dialects or writers still learning English. Read its judgements with that in mind.</li>
<li><strong>The AI-likelihood check is a signal, not proof.</strong> No tool can reliably tell whether a text was written with AI, and such checks wrongly flag human writing, especially by multilingual writers. Never treat the score on its own as evidence of misconduct; talk with the student and look at their process and earlier work.</li>
<li><strong>Scores are estimates.</strong> Check scores and the writing grade level are the model’s estimates, not measurements.</li>
<li><strong>Length and format.</strong> Only the text of a Doc is read, not images, drawings or comments, and Docs over <%= it.limits.maxWordsPerDocument %> words are not graded.</li>
</ul>

<h2 id="safeguards">Safeguards</h2>
<ul>
<li>Student writing is treated as material to assess, never as instructions: a student cannot steer the feedback by writing commands into an essay.</li>
<li>Every answer from the model is checked against the expected structure before it is saved, and a malformed answer is retried or marked as failed rather than shown.</li>
<li>Every evidence quote is checked against the student’s text; quotes that do not appear in it are dropped, and the add-on says how many.</li>
<li>Next to the AI-likelihood check, the add-on shows how the Doc was written, from its Google Drive revision history (sessions, days, the largest single addition). That is evidence for you to look at with the student, not a verdict, and it is computed without AI.</li>
<li>Student work is not used to train AI models, by us or by Anthropic.</li>
</ul>

<h2 id="data">Data sent to the AI</h2>
<p>The assignment details, the rubric and the text of each student Doc are sent to Anthropic’s API to produce
the drafts; your name and email address are not. The <a href="<%= it.links.privacy %>">privacy policy</a>
says where this data is processed and how long it is kept.</p>

<h2 id="questions">Questions</h2>
<p>If feedback looks wrong or harmful, edit or discard it, and tell us at
<a href="<%= it.links.mailto %>"><%= it.operator.contactEmail %></a>.</p>
`;
