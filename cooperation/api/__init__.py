"""The public REST API v1: serializers, views, CSV streaming and routes under ``/api/v1/``."""
