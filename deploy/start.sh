#!/bin/sh
# Start the app for a team: the Dockerfile's command, and CI's check of it. PORT defaults to 8501.
# Beside it, `python -m geo warm` has the new process run its page once (imports, the default view's map),
# so the first reader after a start does not wait for them; it gives up by itself after three minutes.
set -eu
port="${PORT:-8501}"
python -m geo warm "http://127.0.0.1:$port" > /dev/null 2>&1 &
exec streamlit run app.py --server.address="${ADDRESS:-0.0.0.0}" --server.port="$port"
