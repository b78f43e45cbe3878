/** The terms of service. Plan limits and the price come from billing configuration. */
export const TERMS = `<% layout('@layout') %>
<h1>Terms of service</h1>
<p class="meta">Effective <time datetime="<%= it.effective.iso %>"><%= it.effective.text %></time> · GradeBot is operated by <%= it.operator.name %></p>

<p>These terms are an agreement between you and <%= it.operator.name %> (“we”) about your use of GradeBot, the
Google Workspace add-on and the service behind it. By installing or using GradeBot you accept them. Our
<a href="<%= it.links.privacy %>">privacy policy</a> and the <a href="<%= it.links.ai %>">AI use page</a> are part of these terms.</p>

<h2 id="service">1. The service</h2>
<p>GradeBot drafts rubrics, feedback and assignment summaries for student writing with AI. You describe an
assignment, pick up to <%= it.limits.maxDocuments %> student Google Docs of up to <%= it.limits.maxWordsPerDocument %> words each,
and GradeBot drafts feedback that you review, edit and, if you choose, insert into each student’s Doc.</p>

<h2 id="eligibility">2. Who can use it</h2>
<p>GradeBot is for teachers and other educators aged 18 or over with a Google account. If you use it for a
school or another organisation, you confirm that you are allowed to do so on its behalf.</p>

<h2 id="content">3. Your content</h2>
<p>You keep all rights in your assignments, your students’ work and the feedback. You allow us to process
that content only to provide GradeBot to you, as the privacy policy describes. You are responsible for
having the right to share the student work you submit, under your school’s rules and the student-privacy
laws that apply to you.</p>

<h2 id="ai">4. AI-generated drafts</h2>
<p>Feedback, rubric levels, summaries and checks are drafts written by an AI model. They can be wrong,
incomplete or unfair. Review them before you use them. Checks, including the estimate of how likely a text
was written with AI, are signals, not proof: never treat them as evidence of misconduct on their own. You
decide what feedback and grades students receive. Nothing reaches a student’s Doc unless you insert it.</p>

<h2 id="plans">5. Plans and billing</h2>
<ul>
<li><strong>Free</strong>: <%= it.plans.free %> assignment<%= it.plans.free === 1 ? '' : 's' %> per calendar month.</li>
<li><strong>Paid</strong>: <%= it.plans.priceDisplay %> for up to <%= it.plans.paid %> assignments per calendar month, billed monthly in advance through Stripe until you cancel.</li>
</ul>
<p>Each new assignment counts once, in the calendar month it is created, whether or not every Doc in it
could be graded; retrying a failed Doc does not count again. When you reach your plan’s limit you can
create new assignments again the next month, or upgrade from the free plan. You can cancel at any time from
Billing in the add-on; the paid plan then stays active until the end of the period you paid for, and no
further charges are made. Taxes may be added where the law requires. We will email you before a price
change applies to you.</p>

<h2 id="use">6. Acceptable use</h2>
<p>Don’t use GradeBot to break the law or anyone’s rights; don’t submit content you have no right to share;
don’t try to reach other users’ data, get around plan limits or security, or overload the service; and
don’t use it to make decisions about students without a person reviewing them.</p>

<h2 id="availability">7. Availability and changes</h2>
<p>We work to keep GradeBot available and correct but cannot promise that it will always be. We may change
features, and we will tell you by email before we stop offering GradeBot.</p>

<h2 id="ending">8. Ending</h2>
<p>You can stop using GradeBot and delete your account at any time. We may suspend or close an account that
breaks these terms, and will tell you why unless the law prevents it.</p>

<h2 id="liability">9. Warranty and liability</h2>
<p>To the extent the law allows, GradeBot is provided “as is”, without warranties of any kind, and our total
liability for any claim about GradeBot is limited to the amount you paid us in the 12 months before the
claim. Nothing in these terms limits liability that cannot be limited by law.</p>
<% if (it.operator.governingLaw) { %>

<h2 id="law">10. Governing law</h2>
<p>These terms are governed by the laws of <%= it.operator.governingLaw %>.</p>
<% } %>

<h2 id="changes">Changes to these terms</h2>
<p>We will post changes here with a new effective date and email you before a material change takes effect.
If you keep using GradeBot after that, the new terms apply.</p>

<h2 id="contact">Contact</h2>
<p><%= it.operator.name %> · <a href="<%= it.links.mailto %>"><%= it.operator.contactEmail %></a></p>
`;
