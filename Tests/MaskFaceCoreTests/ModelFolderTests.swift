import Foundation
import MaskFaceCore
import Testing

@Suite struct ModelFolderTests {
    @Test func flagBeatsEnvironmentBeatsDefault() {
        let environment = ["MASKFACE_MODELS": "/env/models", "HOME": "/home/u"]
        #expect(ModelFolder.resolve(flag: "/flag", environment: environment).path == "/flag")
        #expect(ModelFolder.resolve(flag: nil, environment: environment).path == "/env/models")
        #expect(ModelFolder.resolve(flag: nil, environment: ["HOME": "/home/u"]).path
                == "/home/u/.local/share/maskface/models")
        #expect(ModelFolder.resolve(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]).path
                == "/x/maskface/models")
    }

    @Test func missingModelNamesFileAndFolders() {
        let folder = ModelFolder(path: "/nonexistent/models")
        let error = #expect(throws: ModelFolderError.self) { try folder.recognitionModel() }
        #expect(error?.description.contains("dlib_face_recognition_resnet_model_v1.dat") == true)
        #expect(error?.description.contains("/nonexistent/models") == true)
    }

    @Test func landmarksFallBackToDebianFolder() throws {
        let folder = ModelFolder(path: "/nonexistent/models")
        #expect(try folder.landmarksModel()
                == "/usr/share/dlib/shape_predictor_68_face_landmarks.dat")
    }
}
