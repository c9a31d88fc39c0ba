#!/bin/sh
# Install the app and build its gazetteer: the Dockerfile's build step, and CI's check of it.
set -eu
pip install --no-cache-dir .
python -m geo build
