/**
 * The privacy policy. Every statement here must stay true of the code: what the add-on sends, what
 * the backend stores (shared/domain), where it runs, and what retention deletes.
 */
export const PRIVACY = `<% layout('@layout') %>
<h1>Privacy policy</h1>
<p class="meta">Effective <time datetime="<%= it.effective.iso %>"><%= it.effective.text %></time> · GradeBot is operated by <%= it.operator.name %></p>

<p>GradeBot is a Google Workspace add-on that drafts feedback on student writing for teachers. This
policy explains what GradeBot collects, why, where it is processed, how long it is kept and how you
delete it. “We” means <%= it.operator.name %>, which runs GradeBot; “you” means the teacher using it.</p>

<div class="summary">
<strong>In short</strong>
<ul>
<li>GradeBot can open only the Google Docs you pick in it, not the rest of your Drive.</li>
<li>It sends the text of those Docs to an AI model (Claude, made by Anthropic) to draft feedback for you.</li>
<li>Nothing is written into a student’s Doc unless you choose to insert it.</li>
<li>Student text is deleted automatically <%= it.retention.studentTextDays %> days after an assignment finishes grading, and you can delete an assignment or your whole account at any time.</li>
<li>We don’t sell data, don’t show ads and don’t use student work to train AI models.</li>
</ul>
</div>

<h2 id="collect">What we collect and why</h2>
<dl>
<dt>Your Google account’s email address and account id</dt>
<dd>To know who is calling our service, keep your assignments apart from everyone else’s, and contact you about your account.</dd>
<dt>The assignments you create</dt>
<dd>Title, subject, grade level, instructions, a rubric you paste and the feedback tone you choose: to generate the rubric and feedback you asked for.</dd>
<dt>The Docs you pick</dt>
<dd>Each Doc’s id, title and link, to list them in the add-on and to insert feedback into the right Doc when you ask.</dd>
<dt>The text of the Docs you pick</dt>
<dd>The add-on exports the text of each chosen Doc when you submit an assignment and sends it to us, to generate feedback. Docs longer than <%= it.limits.maxWordsPerDocument %> words are not processed.</dd>
<dt>How each Doc was written</dt>
<dd>When you submit, the add-on also reads each Doc’s revision history in Google Drive (who saved a version and when, and the text of a few versions) inside your own Google account, and sends us only a summary: the number of revisions and editing sessions, when they happened, the largest single addition and the share already in the first version as percentages, and the names of other people who edited the Doc. The text of earlier versions never leaves your Google account. The summary is shown to you as evidence to look at, never as a verdict.</dd>
<dt>Generated feedback and your edits</dt>
<dd>The rubric, each student’s feedback (comments, strengths and opportunities with short quoted evidence, rubric levels, a summary, a question for the student, checks and a writing grade level), the assignment summary, and your edits. We keep the AI’s original wording next to your edited version so you can see what you changed.</dd>
<dt>Usage and cost records</dt>
<dd>When you created assignments and how many Docs were graded, processing times, and for every AI request its type, model, token counts and cost: to apply your plan’s monthly limit, show your streak and activity chart, run and pay for the service, and find problems. These records contain no student text.</dd>
<dt>Billing details</dt>
<dd>Your Stripe customer and subscription ids and the subscription’s status, to know your plan. You enter card details on Stripe’s own page; Stripe holds them and we never see or store them.</dd>
<dt>Technical logs</dt>
<dd>Request ids, status codes, timings and error messages, to operate and secure the service. Logs never contain student text or feedback.</dd>
</dl>
<p>Students never sign in to or use GradeBot, and we don’t create records about students. Student work may
contain a student’s name or other personal details; we treat all of it as student text, as described here.</p>

<h2 id="google">Google user data</h2>
<p>The add-on asks your Google account for these permissions, and uses them only as described:</p>
<ul>
<li><strong>Only the Drive files you use with GradeBot</strong> (<code>drive.file</code>): GradeBot can open just the Docs you pick with the Google Picker or select in Drive, read their text, and insert feedback when you click insert. It cannot see any other file in your Drive.</li>
<li><strong>Your email address and Google account identity</strong> (<code>userinfo.email</code>, <code>openid</code>): to sign you in to our service.</li>
<li><strong>The files you select in Drive while GradeBot is open</strong> (<code>drive.addons.metadata.readonly</code>): their names and types, so GradeBot can offer the Docs you selected for a new assignment. It reads their text only after you grant access to those files.</li>
<li><strong>Your language setting</strong> (<code>script.locale</code>): to show dates and numbers the way you read them.</li>
<li><strong>Connecting to an external service</strong> (<code>script.external_request</code>): so the add-on can reach GradeBot’s servers.</li>
</ul>
<p>GradeBot’s use and transfer of information received from Google APIs adheres to the
<a href="https://developers.google.com/terms/api-services-user-data-policy">Google API Services User Data Policy</a>,
including the Limited Use requirements. We use Google user data only to provide the features you see in
GradeBot. We don’t sell it, use it for advertising, or use it to train AI models, and no person reads it
except with your permission, to investigate security problems or abuse, or where the law requires.
Our servers never receive your Google password or access tokens: the add-on reads Docs with your own
Google session and sends us only their text.</p>

<h2 id="where">Where data is processed</h2>
<ul>
<li><strong>Google Cloud</strong>: our service runs on Cloud Functions and Cloud Tasks and stores its data in Firestore, all in the <%= it.region %> region. Logs, which hold ids and never content, go to Cloud Logging; our own keys are kept in Secret Manager.</li>
<li><strong>Anthropic</strong>: the assignment, rubric and student text are sent to Anthropic’s API, where Claude models generate the rubric, the feedback and the summary. Under Anthropic’s commercial terms, Anthropic does not train its models on data sent through its API and keeps it only for a limited time to run the service and prevent abuse.</li>
<li><strong>Stripe</strong>: processes payments and subscriptions for the paid plan.</li>
<li><strong>Google Workspace</strong>: your Docs stay in your Google Drive, and the add-on runs on Google Apps Script.</li>
</ul>
<p>These providers process data for us under their own terms and security commitments. We share data with
no one else unless the law requires it.</p>

<h2 id="retention">How long we keep data</h2>
<ul>
<li><strong>Student text</strong> (the text exported from each Doc): deleted automatically <%= it.retention.studentTextDays %> days after the assignment finishes grading (within a day of that date), or sooner when you delete the assignment. The feedback stays; a work that failed can no longer be retried after that.</li>
<li><strong>Assignments, feedback and your edits</strong>: until you delete the assignment or your account. Feedback can quote short passages of student text as evidence; those quotes stay with the feedback, as does the writing-process summary.</li>
<li><strong>Usage, cost and billing records</strong>: until you delete your account. We may keep totals that cannot be linked to you, such as one day’s total AI cost.</li>
<li><strong>Logs</strong>: <%= it.retention.logDays %> days.</li>
<li><strong>Stripe</strong> keeps its own payment records for as long as the law requires; see Stripe’s privacy policy.</li>
</ul>

<h2 id="delete">How to delete your data</h2>
<ul>
<li><strong>Delete an assignment</strong> in the add-on: its student text, feedback, your edits and its summary are deleted at once.</li>
<li><strong>Delete your account</strong> in the add-on (Billing → Delete my account): all your assignments and everything listed above, including usage and cost records, are deleted, and any subscription is cancelled at once.</li>
<li><strong>Email us</strong> at <a href="<%= it.links.mailto %>"><%= it.operator.contactEmail %></a> from your account’s address. We will delete your data within <%= it.retention.requestDays %> days and confirm when it is done.</li>
<li><strong>Remove GradeBot’s access</strong> to your Google account at any time at <a href="https://myaccount.google.com/permissions">myaccount.google.com/permissions</a>. This stops access but does not delete what we hold; use one of the options above for that.</li>
</ul>
<p>Deleting data in GradeBot never changes your Google Docs: feedback you already inserted stays in the Doc
until you remove it there. Deleted data is removed from our database immediately; Google Cloud may keep it
in internal backups for a limited time before it is overwritten.</p>

<h2 id="schools">Students and schools</h2>
<p>GradeBot is made for teachers and is not directed at children. If you use it for a school, make sure your
school allows you to share student work with a service like this. We process student text only on your
behalf and only to give you feedback. Write to us if your school needs a data processing agreement.</p>

<h2 id="security">Security</h2>
<p>Data is encrypted in transit (HTTPS) and at rest (Google Cloud). Every request from the add-on carries a
token signed by Google that our service verifies. Keys are kept in Secret Manager, not in code. Only the
people who run GradeBot can access production data, and only when they need to.</p>

<h2 id="rights">Your rights</h2>
<p>Depending on where you live, you may have the right to access, correct, export or delete your data, or to
object to how it is processed. Email <a href="<%= it.links.mailto %>"><%= it.operator.contactEmail %></a> and we will answer within <%= it.retention.requestDays %> days.</p>

<h2 id="changes">Changes</h2>
<p>We will post any change here with a new effective date, and email you before a material change takes effect.</p>
`;
