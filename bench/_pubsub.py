"""Settings for comparing channel layers in bench/fanout.py: the project's settings with
channels_redis's Pub/Sub layer (one Redis message per worker for a group send, instead of
one per connection). Delivery is at-most-once, which the live design already tolerates:
events are stored and clients resync by sequence number.

    .venv/bin/python bench/fanout.py --settings bench._pubsub
"""

from config.settings import *  # noqa: F403
from config.settings import REDIS_URL

CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
        "CONFIG": {"hosts": [REDIS_URL], "prefix": "asgi"},
    }
}
