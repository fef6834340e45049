"""Lists in pages: `limit` 1..max_limit and `offset` 0..MAX_ID, anything else a 400 naming
the parameter (DRF's own class quietly reads "-1", "x" or "9999" as its default or cap),
and the schema states the same bounds."""

from rest_framework.pagination import LimitOffsetPagination

from .parsing import MAX_ID, require_int


class Pages(LimitOffsetPagination):
    default_limit = 50
    max_limit = 200

    def get_limit(self, request):
        limit = request.query_params.get(self.limit_query_param)
        if limit is None:
            return self.default_limit
        return require_int(limit, self.limit_query_param, low=1, high=self.max_limit)

    def get_offset(self, request):
        offset = request.query_params.get(self.offset_query_param)
        if offset is None:
            return 0
        return require_int(offset, self.offset_query_param, low=0, high=MAX_ID)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: {"minimum": 1, "maximum": self.max_limit},
            self.offset_query_param: {"minimum": 0, "maximum": MAX_ID},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters
