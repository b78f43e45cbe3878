/** Any other path. */
export const NOT_FOUND = `<% layout('@layout') %>
<h1>Page not found</h1>
<p>There is no page at this address. These are the pages GradeBot publishes:</p>
<ul>
<li><a href="<%= it.links.privacy %>">Privacy policy</a></li>
<li><a href="<%= it.links.terms %>">Terms of service</a></li>
<li><a href="<%= it.links.ai %>">How GradeBot uses AI</a></li>
</ul>
`;
