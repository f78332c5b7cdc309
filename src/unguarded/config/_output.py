def render_json(r): pass
def render_sarif(r): pass
def render_terminal(r): pass
