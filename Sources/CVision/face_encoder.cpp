// dlib's face recognition ResNet: a 150x150 RGB face chip in, a 128-D descriptor out.
// This file holds the only dlib DNN template instantiation; it compiles slowly.
#include "dlib_support.hpp"

#include <dlib/dnn.h>
#include <dlib/image_transforms.h>
#include <dlib/rand.h>
#include <dlib/serialize.h>

#include <memory>
#include <mutex>
#include <vector>

namespace descriptor_network {

using namespace dlib;

// The network stored in dlib_face_recognition_resnet_model_v1.dat, as dlib documents it: a
// ResNet-34-like metric network with 29 convolutions, batch norm folded into affine layers,
// 128 outputs. dlib checks every layer's type while deserializing, so a mismatch with the
// file fails at load time instead of giving wrong descriptors.

// Two 3x3 convolutions, each followed by an affine layer, with a ReLU between them; the
// first convolution sets the stride.
template <int filters, int stride, typename SUBNET>
using conv_pair =
    affine<con<filters, 3, 3, 1, 1, relu<affine<con<filters, 3, 3, stride, stride, SUBNET>>>>>;

// Residual unit at constant resolution: relu(conv_pair(x) + x).
template <int filters, typename SUBNET>
using residual_unit = relu<add_prev1<conv_pair<filters, 1, tag1<SUBNET>>>>;

// Residual unit that halves the resolution: the shortcut is a 2x2 average pool of x, and
// add_prev zero-pads its channels up to `filters`.
template <int filters, typename SUBNET>
using downsampling_unit =
    relu<add_prev2<avg_pool<2, 2, 2, 2, skip1<tag2<conv_pair<filters, 2, tag1<SUBNET>>>>>>>;

// 150x150x3 -> 7x7 conv, stride 2 -> 3x3 max pool, stride 2.
template <typename SUBNET>
using stem = max_pool<3, 3, 2, 2, relu<affine<con<32, 7, 7, 2, 2, SUBNET>>>>;

template <typename SUBNET>
using stage_32 = residual_unit<32, residual_unit<32, residual_unit<32, SUBNET>>>;

template <typename SUBNET>
using stage_64 =
    residual_unit<64, residual_unit<64, residual_unit<64, downsampling_unit<64, SUBNET>>>>;

template <typename SUBNET>
using stage_128 = residual_unit<128, residual_unit<128, downsampling_unit<128, SUBNET>>>;

template <typename SUBNET>
using stage_256 = residual_unit<256, residual_unit<256, downsampling_unit<256, SUBNET>>>;

template <typename SUBNET>
using final_downsampling = downsampling_unit<256, SUBNET>;

using network = loss_metric<fc_no_bias<128, avg_pool_everything<final_downsampling<
    stage_256<stage_128<stage_64<stage_32<stem<input_rgb_image_sized<150>>>>>>>>>>;

}  // namespace descriptor_network

struct cvision_face_encoder {
    descriptor_network::network network;
    std::mutex lock;  // a forward pass writes the layers' output buffers
};

namespace {

using cvision::Failure;

constexpr long kChipSize = 150;
constexpr long kDescriptorLength = 128;

// The mean descriptor of `jitters` randomly shifted, rotated, scaled and mirrored copies.
// The seed is fixed so that the same chip always gives the same descriptor.
dlib::matrix<float, 0, 1> jittered_descriptor(descriptor_network::network &network,
                                              const dlib::matrix<dlib::rgb_pixel> &chip,
                                              int32_t jitters) {
    dlib::rand random(20240601);
    std::vector<dlib::matrix<dlib::rgb_pixel>> copies;
    copies.reserve(static_cast<size_t>(jitters));
    for (int32_t index = 0; index < jitters; ++index) {
        copies.push_back(dlib::jitter_image(chip, random));
    }
    std::vector<dlib::matrix<float, 0, 1>> descriptors = network(copies);
    dlib::matrix<float, 0, 1> sum = dlib::zeros_matrix<float>(kDescriptorLength, 1);
    for (const auto &descriptor : descriptors) sum += descriptor;
    return sum / static_cast<float>(descriptors.size());
}

}  // namespace

extern "C" void cvision_face_encoder_free(cvision_face_encoder *encoder) { delete encoder; }

extern "C" cvision_status cvision_face_encoder_load(const char *path,
                                                    cvision_face_encoder **out, char **error) {
    std::string context = path == nullptr ? std::string() : std::string(path);
    return cvision::guarded_dlib(error, context, [&] {
        cvision::require(path, "path");
        cvision::require(out, "out");
        cvision::check_model_file(path);
        auto encoder = std::make_unique<cvision_face_encoder>();
        dlib::deserialize(path) >> encoder->network;
        *out = encoder.release();
    });
}

extern "C" cvision_status cvision_face_encoder_compute(cvision_face_encoder *encoder,
                                                       const cvision_image *const *chips,
                                                       size_t count, int32_t jitters,
                                                       float *descriptors, char **error) {
    return cvision::guarded_dlib(error, [&] {
        cvision::require(encoder, "encoder");
        if (count == 0) return;
        cvision::require(chips, "chips");
        cvision::require(descriptors, "descriptors");
        if (jitters < 0) throw Failure("jitters must be >= 0");
        std::vector<dlib::matrix<dlib::rgb_pixel>> inputs;
        inputs.reserve(count);
        for (size_t index = 0; index < count; ++index) {
            cvision::require(chips[index], "chip");
            const cv::Mat &mat = chips[index]->mat;
            if (mat.rows != kChipSize || mat.cols != kChipSize) {
                throw Failure("chip " + std::to_string(index) + " is "
                              + std::to_string(mat.cols) + "x" + std::to_string(mat.rows)
                              + "; the network takes 150x150 face chips");
            }
            inputs.push_back(cvision::to_dlib_rgb(mat));
        }
        std::lock_guard<std::mutex> hold(encoder->lock);
        std::vector<dlib::matrix<float, 0, 1>> results;
        if (jitters == 0) {
            results = encoder->network(inputs);
        } else {
            for (const auto &input : inputs) {
                results.push_back(jittered_descriptor(encoder->network, input, jitters));
            }
        }
        for (size_t index = 0; index < count; ++index) {
            const dlib::matrix<float, 0, 1> &result = results[index];
            if (result.size() != kDescriptorLength) {
                throw Failure("network gave " + std::to_string(result.size())
                              + " values instead of 128");
            }
            for (long value = 0; value < kDescriptorLength; ++value) {
                descriptors[index * kDescriptorLength + value] = result(value);
            }
        }
    });
}
