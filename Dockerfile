# The map explorer for a team: docker build -t places-in-the-news . && see README "Share a dashboard".
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    GEO_DATA_DIR=/app/data \
    GEO_WORKSPACE=/workspace/workspace.duckdb

RUN useradd --create-home --uid 10001 reader && mkdir /workspace && chown reader /workspace
WORKDIR /app
COPY . .
# Installs the project and builds the offline gazetteer into the image (data/gazetteer.sqlite).
RUN sh deploy/install.sh && chown -R reader /app/data

USER reader
VOLUME /workspace
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"
CMD ["sh", "deploy/start.sh"]
