"""`dprktrack report`: the findings as one self-contained HTML page for people without a terminal.

`page.report_html` assembles it from a loaded catalog: each source's article with its
claimed spans highlighted where `check` places them (`article`), the stance grid
(`grid`), the claims table with its filters (`table`), and a Content-Security-Policy
that allows only the page's own inline style and script (`csp`).
"""
