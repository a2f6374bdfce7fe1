// Reading a model back: counts, node operator types, metadata, graph input and output
// shapes and initializer types, for tests and for the export summary.
#include "internal/connx_internal.h"

namespace {

const onnx::ValueInfoProto &value_at(const connx_model *model, connx_value_list list,
                                     size_t index) {
  const auto &graph = connx::model(model).graph();
  const auto &values = list == CONNX_GRAPH_INPUT ? graph.input() : graph.output();
  if (index >= static_cast<size_t>(values.size())) {
    throw std::out_of_range(std::string(list == CONNX_GRAPH_INPUT ? "input" : "output") +
                            " index " + std::to_string(index) + " is past the " +
                            std::to_string(values.size()) + " entries");
  }
  return values.Get(static_cast<int>(index));
}

template <typename Entries>
void require_index(const Entries &entries, size_t index, const char *role) {
  if (index >= static_cast<size_t>(entries.size())) {
    throw std::out_of_range(std::string(role) + " index " + std::to_string(index) +
                            " is past the " + std::to_string(entries.size()) + " entries");
  }
}

}  // namespace

extern "C" {

connx_status connx_model_get_summary(const connx_model *model, connx_model_summary *out,
                                     char **error) {
  return connx::guarded(error, [&] {
    connx::require_output(out, "summary");
    const auto &proto = connx::model(model);
    connx_model_summary summary{};
    summary.ir_version = proto.ir_version();
    for (const auto &opset : proto.opset_import()) {
      if (opset.domain().empty() || opset.domain() == "ai.onnx") {
        summary.default_opset = opset.version();
      }
    }
    summary.input_count = static_cast<size_t>(proto.graph().input_size());
    summary.output_count = static_cast<size_t>(proto.graph().output_size());
    summary.node_count = static_cast<size_t>(proto.graph().node_size());
    summary.initializer_count = static_cast<size_t>(proto.graph().initializer_size());
    summary.metadata_count = static_cast<size_t>(proto.metadata_props_size());
    *out = summary;
  });
}

connx_status connx_model_node_at(const connx_model *model, size_t index, char **op_type,
                                 char **name, char **error) {
  return connx::guarded(error, [&] {
    connx::require_output(op_type, "operator type");
    connx::require_output(name, "node name");
    const auto &nodes = connx::model(model).graph().node();
    require_index(nodes, index, "node");
    const auto &node = nodes.Get(static_cast<int>(index));
    char *type_copy = connx::copy_string(node.op_type());
    *name = connx::copy_string(node.name());
    *op_type = type_copy;
  });
}

connx_status connx_model_metadata_at(const connx_model *model, size_t index, char **key,
                                     char **value, char **error) {
  return connx::guarded(error, [&] {
    connx::require_output(key, "metadata key");
    connx::require_output(value, "metadata value");
    const auto &entries = connx::model(model).metadata_props();
    require_index(entries, index, "metadata");
    const auto &entry = entries.Get(static_cast<int>(index));
    char *key_copy = connx::copy_string(entry.key());
    *value = connx::copy_string(entry.value());
    *key = key_copy;
  });
}

connx_status connx_model_value_at(const connx_model *model, connx_value_list list,
                                  size_t index, char **name, connx_element_type *type,
                                  int64_t *dims, size_t capacity, size_t *rank, char **error) {
  return connx::guarded(error, [&] {
    connx::require_output(name, "value name");
    connx::require_output(type, "element type");
    connx::require_output(rank, "rank");
    const auto &value = value_at(model, list, index);
    const auto &tensor = value.type().tensor_type();
    const auto &shape = tensor.shape();
    size_t value_rank = static_cast<size_t>(shape.dim_size());
    if (value_rank > capacity || (dims == nullptr && value_rank > 0)) {
      throw std::invalid_argument("'" + value.name() + "' has rank " +
                                  std::to_string(value_rank) + ", more than the " +
                                  std::to_string(capacity) + " sizes the caller can take");
    }
    for (size_t axis = 0; axis < value_rank; ++axis) {
      const auto &dim = shape.dim(static_cast<int>(axis));
      dims[axis] = dim.has_dim_value() ? dim.dim_value() : -1;
    }
    *rank = value_rank;
    *type = static_cast<connx_element_type>(tensor.elem_type());
    *name = connx::copy_string(value.name());
  });
}

connx_status connx_model_value_dim_name(const connx_model *model, connx_value_list list,
                                        size_t index, size_t axis, char **name, char **error) {
  return connx::guarded(error, [&] {
    connx::require_output(name, "axis name");
    const auto &shape = value_at(model, list, index).type().tensor_type().shape();
    require_index(shape.dim(), axis, "axis");
    *name = connx::copy_string(shape.dim(static_cast<int>(axis)).dim_param());
  });
}

connx_status connx_model_initializer_at(const connx_model *model, size_t index, char **name,
                                        connx_element_type *type, int64_t *element_count,
                                        char **error) {
  return connx::guarded(error, [&] {
    connx::require_output(name, "initializer name");
    connx::require_output(type, "element type");
    connx::require_output(element_count, "element count");
    const auto &initializers = connx::model(model).graph().initializer();
    require_index(initializers, index, "initializer");
    const auto &tensor = initializers.Get(static_cast<int>(index));
    int64_t count = 1;
    for (auto size : tensor.dims()) {
      count *= size;
    }
    *element_count = count;
    *type = static_cast<connx_element_type>(tensor.data_type());
    *name = connx::copy_string(tensor.name());
  });
}

}  // extern "C"
