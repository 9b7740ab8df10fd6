// Mend's Android bridge: a small Kotlin library that dx (dioxus-cli 0.7) bundles into the app
// through `manganis::ffi` (see ../src/android.rs). Never compiled on the machine Mend is tested
// on (no Android SDK there); `cargo check --target aarch64-linux-android` checks only the Rust side.
plugins {
    id("com.android.library")
    id("org.jetbrains.kotlin.android")
}

android {
    // manganis::ffi reads this line to find the classes (org/mend/platform/MendBridge).
    namespace = "org.mend.platform"
    compileSdk = 34

    defaultConfig {
        minSdk = 24
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
}

kotlin {
    jvmToolchain(17)
}
