/** The index: what GradeBot is, and the way to the policies. */
export const HOME = `<% layout('@layout') %>
<h1>GradeBot</h1>
<p>GradeBot is a Google Workspace add-on that drafts feedback on student writing for teachers, inside Google
Drive and Docs. You describe an assignment, pick up to <%= it.limits.maxDocuments %> student Docs, and GradeBot drafts a
rubric, feedback for every student and a summary for the class. You review and edit every piece, and
insert into a student’s Doc only what you choose.</p>
<ul>
<li><a href="<%= it.links.privacy %>">Privacy policy</a>: what we collect, where it is processed, how long it is kept and how to delete it.</li>
<li><a href="<%= it.links.terms %>">Terms of service</a>: plans, billing and the rules for using GradeBot.</li>
<li><a href="<%= it.links.ai %>">How GradeBot uses AI</a>: what the AI does, its limits, and why you stay in charge.</li>
</ul>
<p>Free: <%= it.plans.free %> assignment<%= it.plans.free === 1 ? '' : 's' %> a month. Paid: <%= it.plans.priceDisplay %> for up to <%= it.plans.paid %> a month.</p>
`;
