"""German messages of the index package: each names what is wrong and what to do."""

INDEX_MISSING = "Kein Index {where}: zuerst 'ikz index' ausführen"
WHERE_SERVER = "auf dem Chroma-Server {server} (Sammlung '{collection}')"
WHERE_FOLDER = "in {folder}"
INDEX_MISMATCH = (
    "Der Index wurde mit dem Embedding-Modell '{built_with}' gebaut, eingestellt ist '{model}'. "
    "Setzen Sie IKZ_EMBED_MODEL={built_with} oder bauen Sie den Index neu (ikz index --rebuild)."
)
SERVER_UNREACHABLE = (
    "Der Chroma-Server {server} ist nicht erreichbar: läuft er, und stimmen IKZ_CHROMA_HOST und "
    "IKZ_CHROMA_PORT? ({reason})"
)
SERVER_REFUSED = "Der Chroma-Server {server} verweigert den Zugriff: prüfen Sie IKZ_CHROMA_TOKEN ({reason})"
PACKAGE_MISSING = "Paket '{package}' fehlt: pip install {package}"
MODEL_UNAVAILABLE = (
    "Embedding-Modell '{model}' ist hier nicht verfügbar (kein Download offline): "
    "installieren Sie es als Paket oder geben Sie einen lokalen Pfad an ({reason})"
)
