// Building a ModelProto piece by piece: graph inputs and outputs, initializers, nodes and
// their attributes, operator-set imports and metadata.
#include <memory>
#include <vector>

#include "internal/connx_internal.h"

namespace {

using connx::text;

/// Element count of a shape, refusing negative sizes and overflow.
int64_t element_count(const int64_t *dims, size_t rank) {
  if (dims == nullptr && rank > 0) {
    throw std::invalid_argument("shape is NULL");
  }
  int64_t count = 1;
  for (size_t axis = 0; axis < rank; ++axis) {
    if (dims[axis] < 0) {
      throw std::invalid_argument("tensor size " + std::to_string(dims[axis]) + " on axis " +
                                  std::to_string(axis) + " is negative");
    }
    if (dims[axis] != 0 && count > INT64_MAX / dims[axis]) {
      throw std::invalid_argument("tensor element count overflows");
    }
    count *= dims[axis];
  }
  return count;
}

/// Fills `tensor` with name, type, shape and raw little-endian data, checking the size.
void fill_tensor(onnx::TensorProto &tensor, const std::string &name, connx_element_type type,
                 const int64_t *dims, size_t rank, const void *data, size_t byte_count) {
  int64_t count = element_count(dims, rank);
  size_t expected = static_cast<size_t>(count) * connx::element_size(type);
  if (byte_count != expected) {
    throw std::invalid_argument("tensor '" + name + "' has " + std::to_string(byte_count) +
                                " bytes of data; its shape needs " + std::to_string(expected));
  }
  if (data == nullptr && byte_count > 0) {
    throw std::invalid_argument("tensor '" + name + "' data is NULL");
  }
  tensor.set_name(name);
  tensor.set_data_type(static_cast<int32_t>(type));
  for (size_t axis = 0; axis < rank; ++axis) {
    tensor.add_dims(dims[axis]);
  }
  tensor.set_raw_data(data, byte_count);
}

onnx::NodeProto &node_at(connx_model *handle, size_t index) {
  auto &graph = *connx::model(handle).mutable_graph();
  if (index >= static_cast<size_t>(graph.node_size())) {
    throw std::out_of_range("node index " + std::to_string(index) + " is past the " +
                            std::to_string(graph.node_size()) + " nodes");
  }
  return *graph.mutable_node(static_cast<int>(index));
}

onnx::AttributeProto &new_attribute(connx_model *handle, size_t node, const char *name,
                                    onnx::AttributeProto_AttributeType type) {
  auto &target = node_at(handle, node);
  std::string attribute_name = text(name, "attribute name");
  for (const auto &existing : target.attribute()) {
    if (existing.name() == attribute_name) {
      throw std::invalid_argument("node '" + target.name() + "' already has attribute '" +
                                  attribute_name + "'");
    }
  }
  auto *attribute = target.add_attribute();
  attribute->set_name(attribute_name);
  attribute->set_type(type);
  return *attribute;
}

std::vector<std::string> names(const char *const *values, size_t count, const char *role) {
  if (values == nullptr && count > 0) {
    throw std::invalid_argument(std::string(role) + " list is NULL");
  }
  std::vector<std::string> result;
  for (size_t i = 0; i < count; ++i) {
    result.push_back(text(values[i], role));
  }
  return result;
}

}  // namespace

size_t connx::element_size(connx_element_type type) {
  switch (type) {
    case CONNX_FLOAT: return 4;
    case CONNX_UINT8: return 1;
    case CONNX_INT32: return 4;
    case CONNX_INT64: return 8;
    case CONNX_BOOL: return 1;
    case CONNX_FLOAT16: return 2;
    case CONNX_DOUBLE: return 8;
  }
  throw std::invalid_argument("unknown element type " + std::to_string(static_cast<int>(type)));
}

extern "C" {

connx_status connx_model_create(const char *graph_name, int64_t ir_version,
                                const char *producer_name, const char *producer_version,
                                connx_model **out, char **error) {
  return connx::guarded(error, [&] {
    connx::require_output(out, "model");
    auto model = std::make_unique<connx_model>();
    model->proto.set_ir_version(ir_version);
    model->proto.set_producer_name(text(producer_name, "producer name"));
    model->proto.set_producer_version(text(producer_version, "producer version"));
    model->proto.mutable_graph()->set_name(text(graph_name, "graph name"));
    *out = model.release();
  });
}

void connx_model_free(connx_model *model) { delete model; }

connx_status connx_model_import_opset(connx_model *model, const char *domain, int64_t version,
                                      char **error) {
  return connx::guarded(error, [&] {
    auto *opset = connx::model(model).add_opset_import();
    opset->set_domain(text(domain, "opset domain"));
    opset->set_version(version);
  });
}

connx_status connx_model_set_metadata(connx_model *model, const char *key, const char *value,
                                      char **error) {
  return connx::guarded(error, [&] {
    auto &proto = connx::model(model);
    std::string name = text(key, "metadata key");
    for (const auto &entry : proto.metadata_props()) {
      if (entry.key() == name) {
        throw std::invalid_argument("metadata key '" + name + "' is already set");
      }
    }
    auto *entry = proto.add_metadata_props();
    entry->set_key(name);
    entry->set_value(text(value, "metadata value"));
  });
}

connx_status connx_model_add_value(connx_model *model, connx_value_list list, const char *name,
                                   connx_element_type type, const int64_t *dims,
                                   const char *const *dim_names, size_t rank, char **error) {
  return connx::guarded(error, [&] {
    auto &graph = *connx::model(model).mutable_graph();
    auto *value = list == CONNX_GRAPH_INPUT ? graph.add_input() : graph.add_output();
    value->set_name(text(name, "value name"));
    auto *tensor = value->mutable_type()->mutable_tensor_type();
    tensor->set_elem_type(static_cast<int32_t>(type));
    auto *shape = tensor->mutable_shape();
    if (dims == nullptr && rank > 0) {
      throw std::invalid_argument("shape of '" + value->name() + "' is NULL");
    }
    for (size_t axis = 0; axis < rank; ++axis) {
      auto *dim = shape->add_dim();
      if (dims[axis] >= 0) {
        dim->set_dim_value(dims[axis]);
      } else if (dim_names == nullptr || dim_names[axis] == nullptr) {
        throw std::invalid_argument("dynamic axis " + std::to_string(axis) + " of '" +
                                    value->name() + "' has no name");
      } else {
        dim->set_dim_param(dim_names[axis]);
      }
    }
  });
}

connx_status connx_model_add_initializer(connx_model *model, const char *name,
                                         connx_element_type type, const int64_t *dims,
                                         size_t rank, const void *data, size_t byte_count,
                                         char **error) {
  return connx::guarded(error, [&] {
    auto &graph = *connx::model(model).mutable_graph();
    fill_tensor(*graph.add_initializer(), text(name, "initializer name"), type, dims, rank,
                data, byte_count);
  });
}

connx_status connx_model_add_node(connx_model *model, const char *op_type, const char *name,
                                  const char *const *inputs, size_t input_count,
                                  const char *const *outputs, size_t output_count,
                                  size_t *index, char **error) {
  return connx::guarded(error, [&] {
    connx::require_output(index, "node index");
    auto input_names = names(inputs, input_count, "input name");
    auto output_names = names(outputs, output_count, "output name");
    auto &graph = *connx::model(model).mutable_graph();
    auto *node = graph.add_node();
    node->set_op_type(text(op_type, "operator type"));
    node->set_name(text(name, "node name"));
    for (const auto &input : input_names) {
      node->add_input(input);
    }
    for (const auto &output : output_names) {
      node->add_output(output);
    }
    *index = static_cast<size_t>(graph.node_size() - 1);
  });
}

connx_status connx_node_set_int(connx_model *model, size_t node, const char *attribute,
                                int64_t value, char **error) {
  return connx::guarded(error, [&] {
    new_attribute(model, node, attribute, onnx::AttributeProto::INT).set_i(value);
  });
}

connx_status connx_node_set_ints(connx_model *model, size_t node, const char *attribute,
                                 const int64_t *values, size_t count, char **error) {
  return connx::guarded(error, [&] {
    if (values == nullptr && count > 0) {
      throw std::invalid_argument("attribute values are NULL");
    }
    auto &target = new_attribute(model, node, attribute, onnx::AttributeProto::INTS);
    for (size_t i = 0; i < count; ++i) {
      target.add_ints(values[i]);
    }
  });
}

connx_status connx_node_set_float(connx_model *model, size_t node, const char *attribute,
                                  float value, char **error) {
  return connx::guarded(error, [&] {
    new_attribute(model, node, attribute, onnx::AttributeProto::FLOAT).set_f(value);
  });
}

connx_status connx_node_set_string(connx_model *model, size_t node, const char *attribute,
                                   const char *value, char **error) {
  return connx::guarded(error, [&] {
    std::string content = text(value, "attribute value");
    new_attribute(model, node, attribute, onnx::AttributeProto::STRING).set_s(content);
  });
}

}  // extern "C"
