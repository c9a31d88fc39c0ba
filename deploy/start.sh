#!/bin/sh
# Start the app for a team: the Dockerfile's command, and CI's check of it. PORT defaults to 8501.
set -eu
exec streamlit run app.py --server.address="${ADDRESS:-0.0.0.0}" --server.port="${PORT:-8501}"
