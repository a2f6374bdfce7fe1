// OpenCV DNN: ONNX networks (the exported YOLOv5 detector) run on the CPU.
#include "shim.hpp"

#include <opencv2/dnn.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

struct cvision_net {
    cv::dnn::Net net;
    std::string path;
    cv::Mat output;  // kept by the last forward until copied out
};

namespace {

using cvision::Failure;

std::string shape_text(const cv::MatSize &size) {
    std::string text = "[";
    for (int axis = 0; axis < size.dims(); ++axis) {
        if (axis > 0) text += ", ";
        text += std::to_string(size[axis]);
    }
    return text + "]";
}

}  // namespace

extern "C" void cvision_net_free(cvision_net *net) { delete net; }

extern "C" cvision_status cvision_net_read_onnx(const char *path, cvision_net **out,
                                                char **error) {
    std::string context = path == nullptr ? std::string() : std::string(path);
    return cvision::guarded(error, context, [&] {
        cvision::require(path, "path");
        cvision::require(out, "out");
        std::error_code code;
        if (!std::filesystem::is_regular_file(path, code)) throw Failure("no such file");
        if (!std::ifstream(path, std::ios::binary)) throw Failure("cannot open for reading");
        auto net = std::make_unique<cvision_net>();
        net->path = path;
        try {
            net->net = cv::dnn::readNetFromONNX(path);
        } catch (const cv::Exception &exception) {
            throw Failure("not a loadable ONNX network (" + cvision::describe(exception) + ")");
        }
        if (net->net.empty()) throw Failure("not a loadable ONNX network (no layers)");
        *out = net.release();
    });
}

extern "C" cvision_status cvision_net_prefer_cpu(cvision_net *net, char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(net, "net");
        net->net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
        net->net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
    });
}

extern "C" cvision_status cvision_net_output_count(const cvision_net *net, size_t *count,
                                                   char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(net, "net");
        cvision::require(count, "count");
        *count = net->net.getUnconnectedOutLayersNames().size();
    });
}

extern "C" cvision_status cvision_net_output_name(const cvision_net *net, size_t index,
                                                  char **name, char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(net, "net");
        cvision::require(name, "name");
        std::vector<std::string> names = net->net.getUnconnectedOutLayersNames();
        if (index >= names.size()) {
            throw Failure("output index " + std::to_string(index) + " out of range (network has "
                          + std::to_string(names.size()) + " outputs)");
        }
        // set_error makes exactly the malloc'd copy the caller frees with cvision_string_free.
        cvision::set_error(name, names[index]);
    });
}

extern "C" cvision_status cvision_net_set_input(cvision_net *net, const float *data,
                                                const int32_t *shape, size_t rank,
                                                const char *input_name, char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(net, "net");
        cvision::require(data, "data");
        cvision::require(shape, "shape");
        if (rank == 0 || rank > 8) throw Failure("input rank must be 1..8");
        std::vector<int> sizes(shape, shape + rank);
        for (int size : sizes) {
            if (size <= 0) throw Failure("input dimensions must be positive");
        }
        // Copy: the network keeps the blob after this call returns.
        cv::Mat blob = cv::Mat(static_cast<int>(rank), sizes.data(), CV_32F,
                               const_cast<float *>(data))
                           .clone();
        net->net.setInput(blob, input_name == nullptr ? "" : input_name);
        net->output.release();
    });
}

extern "C" cvision_status cvision_net_forward(cvision_net *net, const char *output_name,
                                              int32_t *shape, size_t shape_capacity,
                                              size_t *rank, char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(net, "net");
        cvision::require(shape, "shape");
        cvision::require(rank, "rank");
        cv::Mat result = net->net.forward(output_name == nullptr ? "" : output_name);
        if (result.depth() != CV_32F) throw Failure("output is not float32");
        int dims = result.size.dims();
        if (static_cast<size_t>(dims) > shape_capacity) {
            throw Failure("output shape " + shape_text(result.size) + " has more than "
                          + std::to_string(shape_capacity) + " dimensions");
        }
        for (int axis = 0; axis < dims; ++axis) shape[axis] = result.size[axis];
        *rank = static_cast<size_t>(dims);
        // forward() may return a view of the network's internal buffer; own a copy.
        net->output = result.clone();
    });
}

extern "C" cvision_status cvision_net_copy_output(const cvision_net *net, float *destination,
                                                  size_t count, char **error) {
    return cvision::guarded(error, [&] {
        cvision::require(net, "net");
        cvision::require(destination, "destination");
        if (net->output.empty()) throw Failure("no output: run cvision_net_forward first");
        size_t total = net->output.total();
        if (count != total) {
            throw Failure("output " + shape_text(net->output.size) + " has "
                          + std::to_string(total) + " values, asked for "
                          + std::to_string(count));
        }
        std::memcpy(destination, net->output.ptr<float>(), total * sizeof(float));
    });
}
