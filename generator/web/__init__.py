"""`huiwu serve`: the local web page (Starlette + uvicorn), for staff who never open a terminal.

Nothing here is imported by the other commands: the CLI imports `generator.web.server` only inside `serve`.
"""
