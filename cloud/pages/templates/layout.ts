import { PAGE_CSS } from '../styles';

/**
 * The page frame. `<%= %>` escapes; `<%~ %>` is used only for the rendered body and for fixed
 * attribute text chosen in this file, never for configuration values.
 */
export const LAYOUT = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="<%= it.robots %>">
<meta name="referrer" content="no-referrer">
<title><%= it.title %> · GradeBot</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<header>
<a class="brand" href="<%= it.links.home %>">GradeBot</a>
<nav aria-label="Policies">
<a href="<%= it.links.privacy %>"<%~ it.page === 'privacy' ? ' aria-current="page"' : '' %>>Privacy</a>
<a href="<%= it.links.terms %>"<%~ it.page === 'terms' ? ' aria-current="page"' : '' %>>Terms</a>
<a href="<%= it.links.ai %>"<%~ it.page === 'ai' ? ' aria-current="page"' : '' %>>AI use</a>
</nav>
</header>
<main>
<%~ it.body %>
</main>
<footer>
<p>GradeBot is operated by <%= it.operator.name %>. Questions about privacy or your data:
<a href="<%= it.links.mailto %>"><%= it.operator.contactEmail %></a>.</p>
<% if (it.operator.postalAddress) { %><address><%= it.operator.postalAddress %></address><% } %>
</footer>
</body>
</html>
`;
