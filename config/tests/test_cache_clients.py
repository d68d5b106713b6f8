"""The forgiving Redis cache (config.cache) keeps one redis-py client per connection pool instead of making one
on every call; a cache of its own (another alias, another thread's) has its own clients."""

from config.cache import ForgivingRedisCache, KeptClientsRedisCacheClient

OPTIONS = {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}


def test_every_call_of_one_cache_uses_the_same_client_over_the_same_pool():
    cache = ForgivingRedisCache("redis://127.0.0.1:1/0", OPTIONS)  # no call below reaches a server
    client = cache._cache
    assert isinstance(client, KeptClientsRedisCacheClient)
    reading, writing = client.get_client("a"), client.get_client("b", write=True)
    assert reading is writing  # one server: reads and writes share its pool
    assert client.get_client("c") is reading


def test_another_cache_has_its_own_clients():
    one = ForgivingRedisCache("redis://127.0.0.1:1/0", OPTIONS)
    other = ForgivingRedisCache("redis://127.0.0.1:1/0", OPTIONS)
    assert one._cache.get_client() is not other._cache.get_client()


def test_with_several_servers_each_pool_has_its_client():
    cache = ForgivingRedisCache("redis://127.0.0.1:1/0,redis://127.0.0.1:2/0", OPTIONS)
    primary = cache._cache.get_client(write=True)
    replica = cache._cache.get_client()  # reads go to the other server
    assert primary is not replica
    assert primary.connection_pool is not replica.connection_pool
    assert cache._cache.get_client() is replica
